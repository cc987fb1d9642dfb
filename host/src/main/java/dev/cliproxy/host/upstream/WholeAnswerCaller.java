package dev.cliproxy.host.upstream;

import dev.cliproxy.api.HttpCaller;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamRequest;
import java.io.IOException;

/**
 * The {@link HttpCaller} plugins use for login, refresh and discovery calls: the host's upstream client (proxies,
 * timeouts, request log), reading the whole answer whatever its status.
 */
public final class WholeAnswerCaller implements HttpCaller {

    private final UpstreamHttp http;

    public WholeAnswerCaller(UpstreamHttp http) {
        this.http = http;
    }

    @Override
    public UpstreamAnswer send(UpstreamRequest request) throws IOException {
        UpstreamHttpRequest sent = new UpstreamHttpRequest(request.method(), request.url(), request.headers(),
                request.body(), request.proxyUrl(), Cancellation.NONE);
        try (UpstreamHttpResponse response = http.send(sent)) {
            return UpstreamAnswer.of(response.status(), response.headers(), response.bodyBytes());
        }
    }
}
