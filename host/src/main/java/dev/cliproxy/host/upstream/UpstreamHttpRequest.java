package dev.cliproxy.host.upstream;

import dev.cliproxy.host.upstream.Cancellation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One upstream HTTP request.
 *
 * @param method       HTTP method
 * @param url          absolute URL
 * @param headers      request headers (the host adds none of its own beyond what HTTP requires)
 * @param body         request body, or {@code null} for none
 * @param proxyUrl     the credential's proxy: empty inherits the global one, {@code direct}/{@code none} bypasses it
 * @param cancellation aborts the call when the client disconnects
 */
public record UpstreamHttpRequest(String method, String url, Map<String, String> headers, byte[] body,
                                  String proxyUrl, Cancellation cancellation) {

    public UpstreamHttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        proxyUrl = proxyUrl == null ? "" : proxyUrl;
        cancellation = cancellation == null ? Cancellation.NONE : cancellation;
    }

    /** A JSON POST. */
    public static UpstreamHttpRequest postJson(String url, Map<String, String> headers, byte[] body, String proxyUrl,
                                               Cancellation cancellation) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("Content-Type", "application/json");
        return new UpstreamHttpRequest("POST", url, h, body, proxyUrl, cancellation);
    }

    @Override
    public String toString() {
        return "UpstreamHttpRequest[" + method + " " + url + "]";
    }
}
