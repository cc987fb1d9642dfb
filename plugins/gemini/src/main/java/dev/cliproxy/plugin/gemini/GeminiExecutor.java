package dev.cliproxy.plugin.gemini;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Executor;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamResponse;
import dev.cliproxy.api.config.ConfiguredHeaders;
import dev.cliproxy.api.http.UpstreamExchange;
import dev.cliproxy.api.http.UpstreamHttp;
import dev.cliproxy.api.http.UpstreamHttpRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST {base}/v1beta/models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse} or
 * {@code :countTokens}, authenticated with {@code x-goog-api-key}. Failures are classified by
 * {@link GeminiFailures}.
 */
final class GeminiExecutor implements Executor {

    static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

    private final UpstreamHttp http;

    GeminiExecutor(UpstreamHttp http) {
        this.http = http;
    }

    @Override
    public UpstreamResponse execute(UpstreamCall call) {
        Credential c = call.credential();
        boolean count = call.operation() == Operation.COUNT_TOKENS;
        boolean stream = call.stream() && !count;
        String method = count ? "countTokens" : stream ? "streamGenerateContent?alt=sse" : "generateContent";
        String base = c.baseUrl().isEmpty() ? DEFAULT_BASE_URL : c.baseUrl();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("x-goog-api-key", c.secret());
        if (stream) {
            headers.put("Accept", "text/event-stream");
        }
        ConfiguredHeaders.apply(call, headers);
        UpstreamHttpRequest request = new UpstreamHttpRequest("POST",
                base + "/v1beta/models/" + pathSegment(call.model()) + ":" + method, headers, call.body(),
                c.proxyUrl(), call.cancellation());
        return UpstreamExchange.send(http, request, stream, GeminiFailures::classify);
    }

    /** The model as a URL path segment ({@code models/} prefix removed, reserved characters escaped). */
    static String pathSegment(String model) {
        String id = model.startsWith("models/") ? model.substring("models/".length()) : model;
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
