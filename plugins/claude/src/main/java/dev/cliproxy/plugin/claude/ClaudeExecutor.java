package dev.cliproxy.plugin.claude;

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
 * {@code POST {base}/v1/messages} (or {@code /v1/messages/count_tokens}) with {@code x-api-key} and
 * {@code anthropic-version} (the client's value when it sent one, else {@value #API_VERSION}); the client's
 * {@code anthropic-beta} is passed on. Failures are classified by {@link ClaudeFailures}.
 */
final class ClaudeExecutor implements Executor {

    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String API_VERSION = "2023-06-01";

    private final UpstreamHttp http;
    private final ClaudeFailures failures;

    ClaudeExecutor(UpstreamHttp http, Clock clock) {
        this.http = http;
        this.failures = new ClaudeFailures(clock);
    }

    @Override
    public UpstreamResponse execute(UpstreamCall call) {
        Credential c = call.credential();
        boolean count = call.operation() == Operation.COUNT_TOKENS;
        boolean stream = call.stream() && !count;
        String base = c.baseUrl().isEmpty() ? DEFAULT_BASE_URL : c.baseUrl();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", stream ? "text/event-stream" : "application/json");
        headers.put("x-api-key", c.secret());
        headers.put("anthropic-version", call.clientHeader("anthropic-version", API_VERSION));
        String beta = call.clientHeader("anthropic-beta", "");
        if (!beta.isEmpty()) {
            headers.put("anthropic-beta", beta);
        }
        ConfiguredHeaders.apply(call, headers);
        UpstreamHttpRequest request = new UpstreamHttpRequest("POST",
                base + (count ? "/v1/messages/count_tokens" : "/v1/messages"), headers, call.body(), c.proxyUrl(),
                call.cancellation());
        return UpstreamExchange.send(http, request, stream, failures::classify);
    }
}
