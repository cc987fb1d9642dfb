package dev.cliproxy.plugin.codex;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Executor;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamResponse;
import dev.cliproxy.api.config.ConfiguredHeaders;
import dev.cliproxy.api.http.UpstreamExchange;
import dev.cliproxy.api.http.UpstreamHttp;
import dev.cliproxy.api.http.UpstreamHttpRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST {base-url}/responses} with {@code Authorization: Bearer <key>}, always as a stream. Responses
 * upstreams cannot count tokens: the host estimates instead.
 */
final class CodexExecutor implements Executor {

    private final UpstreamHttp http;
    private final CodexFailures failures;

    CodexExecutor(UpstreamHttp http, Clock clock) {
        this.http = http;
        this.failures = new CodexFailures(clock);
    }

    @Override
    public UpstreamResponse execute(UpstreamCall call) {
        if (call.operation() == Operation.COUNT_TOKENS) {
            throw new UnsupportedOperationException("the Responses upstream has no token count endpoint");
        }
        Credential c = call.credential();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "text/event-stream");
        headers.put("Authorization", "Bearer " + c.secret());
        ConfiguredHeaders.apply(call, headers);
        UpstreamHttpRequest request = new UpstreamHttpRequest("POST", c.baseUrl() + "/responses", headers,
                call.body(), c.proxyUrl(), call.cancellation());
        return UpstreamExchange.send(http, request, true, failures::classify);
    }
}
