package dev.cliproxy.plugin.openaicompat;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Executor;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamResponse;
import dev.cliproxy.api.http.UpstreamExchange;
import dev.cliproxy.api.http.UpstreamHttp;
import dev.cliproxy.api.http.UpstreamHttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST {base-url}/chat/completions} with {@code Authorization: Bearer <key>} (omitted when the entry has no
 * key) and the entry's headers. OpenAI-compatible upstreams cannot count tokens; the host estimates instead.
 */
final class CompatExecutor implements Executor {

    private final UpstreamHttp http;

    CompatExecutor(UpstreamHttp http) {
        this.http = http;
    }

    @Override
    public UpstreamResponse execute(UpstreamCall call) {
        if (call.operation() == Operation.COUNT_TOKENS) {
            throw new UnsupportedOperationException("OpenAI-compatible upstreams have no token count endpoint");
        }
        Credential c = call.credential();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "cli-proxy-openai-compat");
        if (!c.secret().isEmpty()) {
            headers.put("Authorization", "Bearer " + c.secret());
        }
        if (call.stream()) {
            headers.put("Accept", "text/event-stream");
            headers.put("Cache-Control", "no-cache");
        }
        headers.putAll(c.headers());
        UpstreamHttpRequest request = new UpstreamHttpRequest("POST", c.baseUrl() + "/chat/completions", headers,
                call.body(), c.proxyUrl(), call.cancellation());
        return UpstreamExchange.send(http, request, call.stream());
    }
}
