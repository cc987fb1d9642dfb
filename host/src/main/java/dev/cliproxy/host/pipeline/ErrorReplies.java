package dev.cliproxy.host.pipeline;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.codecs.Codecs;
import dev.cliproxy.host.routing.AllCoolingException;
import dev.cliproxy.host.upstream.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that turns any failure into the client's wire format: proxy errors, bad input, upstream errors
 * (relayed verbatim when the client speaks the upstream's format, else re-shaped keeping the upstream message) and
 * "every credential is cooling" (429 with a truthful {@code Retry-After}).
 */
public final class ErrorReplies {

    /**
     * The header the Anthropic and OpenAI SDKs (and Claude Code, which otherwise retries even a 401) read before
     * their own rules; the real APIs send {@code false} on errors a retry cannot fix.
     */
    public static final String SHOULD_RETRY = "x-should-retry";

    /** A rendered error: status, body and extra headers. */
    public record Reply(int status, byte[] body, Map<String, String> headers, ApiError error) {
    }

    private final Clock clock;

    public ErrorReplies(Clock clock) {
        this.clock = clock;
    }

    /** Renders {@code failure} for a client of {@code client}; {@code upstream} is the native format, if known. */
    public Reply render(Throwable failure, WireFormat client, WireFormat upstream) {
        return switch (failure) {
            case UpstreamException e -> upstreamError(e, client, upstream);
            case AllCoolingException e -> cooling(e, client, upstream);
            case ProxyException e -> reply(client, new ApiError(e.status(), e.getMessage(), e.code()),
                    e.retryAfter());
            case FormatException e -> reply(client, new ApiError(400, e.getMessage(),
                    e.code() != null ? e.code() : "invalid_request_error"), null);
            default -> reply(client, new ApiError(500, "internal error: " + failure.getClass().getSimpleName(),
                    "internal_error"), null);
        };
    }

    /** Renders a plain error. */
    public Reply reply(WireFormat client, ApiError error, Duration retryAfter) {
        Map<String, String> headers = new LinkedHashMap<>();
        adviseRetry(error.status(), headers);
        if (retryAfter != null) {
            headers.put("Retry-After", Long.toString(Math.max(1, ceilSeconds(retryAfter))));
        }
        return new Reply(error.status(), Codecs.of(client).encodeError(error), headers, error);
    }

    private Reply upstreamError(UpstreamException e, WireFormat client, WireFormat upstream) {
        if (e.status() == 0) {
            return reply(client, new ApiError(502, e.getMessage(), "upstream_unreachable"), null);
        }
        int status = e.status() >= 400 ? e.status() : 502;
        if (upstream == client && looksLikeJson(e.body())) {
            Map<String, String> headers = new LinkedHashMap<>();
            adviseRetry(status, headers);
            if (e.retryAfter() != null) {
                headers.put("Retry-After", Long.toString(Math.max(1, ceilSeconds(e.retryAfter()))));
            }
            return new Reply(status, e.body(), headers, new ApiError(status, e.bodyText(), null));
        }
        ApiError decoded = upstream == null
                ? new ApiError(status, e.bodyText(), null)
                : Codecs.of(upstream).decodeError(status, e.body());
        return reply(client, new ApiError(status, decoded.message().isEmpty() ? e.getMessage() : decoded.message(),
                decoded.code()), e.retryAfter());
    }

    /**
     * Every credential is cooling, with {@code Retry-After} set to when the first one comes back. If this request
     * made attempts, the real upstream error of its last attempt is relayed (its status and body); if every
     * credential was already cooling, the answer is 429 whose message names the last upstream error behind the
     * cooldowns. No credential usable at all (and none cooling) is a 503.
     */
    private Reply cooling(AllCoolingException e, WireFormat client, WireFormat upstream) {
        if (e.availableAt() == null) {
            return reply(client, new ApiError(503, "no credential is available for model " + e.model(),
                    "auth_unavailable"), null);
        }
        Duration wait = Duration.between(clock.instant(), e.availableAt());
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        String retryAfter = Long.toString(Math.max(1, ceilSeconds(wait)));
        if (e.attemptFailure() != null) {
            Reply relayed = upstreamError(e.attemptFailure(), client, upstream);
            Map<String, String> headers = new LinkedHashMap<>(relayed.headers());
            headers.put("Retry-After", retryAfter);
            return new Reply(relayed.status(), relayed.body(), headers, relayed.error());
        }
        String message = "All credentials for model " + e.model() + " are cooling down; retry in " + retryAfter
                + " s" + (e.lastFailure() == null ? "" : ". Last upstream error: " + e.lastFailure().describe());
        return reply(client, new ApiError(429, message, "model_cooldown"), wait);
    }

    /** Tells SDKs not to retry errors that the same request will meet again (bad input, auth, unknown model). */
    private static void adviseRetry(int status, Map<String, String> headers) {
        if (status == 400 || status == 401 || status == 403 || status == 404 || status == 413 || status == 422) {
            headers.put(SHOULD_RETRY, "false");
        }
    }

    private static long ceilSeconds(Duration d) {
        long s = d.getSeconds();
        return d.getNano() > 0 ? s + 1 : s;
    }

    private static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }
}
