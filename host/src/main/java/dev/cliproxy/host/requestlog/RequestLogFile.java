package dev.cliproxy.host.requestlog;

import dev.cliproxy.api.Operation;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.host.pipeline.ExchangeOutcome;
import dev.cliproxy.host.pipeline.InboundRequest;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The text of one request log file, in the anchor's sections: {@code === REQUEST INFO ===}, {@code === HEADERS ===},
 * {@code === REQUEST BODY ===}, one {@code === API REQUEST ===} / {@code === API RESPONSE ===} pair per upstream
 * exchange, {@code === API ERROR RESPONSE ===} per failed attempt, and {@code === RESPONSE ===}. Client credentials
 * never reach the file (the pipeline strips them); upstream secrets are masked.
 */
final class RequestLogFile {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    private RequestLogFile() {
    }

    /** The client-facing path of {@code in}. */
    static String path(InboundRequest in) {
        if (in.format() == WireFormat.GEMINI) {
            String method = in.operation() == Operation.COUNT_TOKENS ? "countTokens"
                    : in.stream() ? "streamGenerateContent" : "generateContent";
            return "/v1beta/models/" + in.model() + ":" + method;
        }
        return switch (in.format()) {
            case OPENAI_CHAT -> "/v1/chat/completions";
            case OPENAI_RESPONSES -> "/v1/responses";
            default -> in.operation() == Operation.COUNT_TOKENS ? "/v1/messages/count_tokens" : "/v1/messages";
        };
    }

    /** {@code [error-]<path-sanitised>-<YYYY-MM-DDTHHMMSS>-<request-id>.log}. */
    static String name(RequestCapture c, boolean error) {
        String path = path(c.request).replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        if (path.length() > 80) {
            path = path.substring(0, 80);
        }
        return (error ? "error-" : "") + path + "-" + STAMP.format(c.started) + "-" + fileId(c.request.requestId())
                + ".log";
    }

    /** A request id as it appears at the end of its file's name. */
    static String fileId(String requestId) {
        return requestId.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    static byte[] render(RequestCapture c, ExchangeOutcome o) {
        StringBuilder b = new StringBuilder(4096);
        InboundRequest in = c.request;
        b.append("=== REQUEST INFO ===\n")
                .append("Version: 1\n")
                .append("URL: ").append(path(in)).append('\n')
                .append("Method: POST\n")
                .append("Request-Id: ").append(in.requestId()).append('\n')
                .append("Client-Key: ").append(in.clientKeyId()).append('\n')
                .append("Format: ").append(in.format()).append('\n')
                .append("Model: ").append(in.model()).append('\n')
                .append("Stream: ").append(in.stream()).append('\n')
                .append("Timestamp: ").append(c.started).append('\n')
                .append("Status: ").append(o.status()).append('\n')
                .append("Provider: ").append(o.provider() == null ? "-" : o.provider()).append('\n')
                .append("Credential: ").append(o.credentialId() == null ? "-" : o.credentialId()).append('\n')
                .append("Attempts: ").append(o.attempts()).append('\n')
                .append("Duration-Ms: ").append((o.endNanos() - o.startNanos()) / 1_000_000).append('\n');
        if (o.error() != null) {
            b.append("Error: ").append(o.error()).append('\n');
        }
        b.append("\n=== HEADERS ===\n");
        RequestCapture.masked(in.headers()).forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        BoundedBuffer body = new BoundedBuffer();
        body.add(in.body());
        b.append("\n=== REQUEST BODY ===\n").append(body.text()).append('\n');
        for (RequestCapture.Upstream u : c.upstream) {
            b.append("\n=== API REQUEST ===\n").append("Timestamp: ").append(u.at).append('\n')
                    .append(u.requestLine).append('\n');
            u.requestHeaders.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
            b.append('\n').append(u.requestBody).append('\n');
            b.append("\n=== API RESPONSE ===\n").append("Status: ").append(u.status).append('\n');
            for (Map.Entry<String, List<String>> h : u.headers.entrySet()) {
                for (String v : h.getValue()) {
                    String masked = RequestCapture.masked(Map.of(h.getKey(), v)).get(h.getKey());
                    b.append(h.getKey()).append(": ").append(masked).append('\n');
                }
            }
            b.append('\n').append(u.body.text()).append('\n');
            if (u.error != null) {
                b.append("Error: ").append(u.error).append('\n');
            }
        }
        for (String failed : c.failedAttempts) {
            b.append("\n=== API ERROR RESPONSE ===\n").append(failed).append('\n');
        }
        b.append("\n=== RESPONSE ===\n").append("Status: ").append(c.responseStatus == 0 ? o.status() : c.responseStatus)
                .append('\n');
        c.responseHeaders.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        b.append('\n');
        if (c.responseBody != null) {
            BoundedBuffer rb = new BoundedBuffer();
            rb.add(c.responseBody);
            b.append(rb.text()).append('\n');
        } else if (!c.streamed.isEmpty()) {
            b.append(c.streamed.text()).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
