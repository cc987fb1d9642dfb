package dev.cliproxy.host.upstream;

import io.undertow.client.ClientRequest;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * The request line and headers Undertow's client sends for an {@link UpstreamHttpRequest}: the caller's headers,
 * plus {@code Host}, a {@code User-Agent} when the caller set none, and the body's {@code Content-Length} (no
 * chunked request bodies; no {@code Accept-Encoding}, so answers arrive as the upstream sends them uncompressed).
 */
final class RequestHead {

    private static final String USER_AGENT = "cli-proxy-api";

    private RequestHead() {
    }

    /** The head of {@code request}, sent to {@code origin} for {@code target} (path and query). */
    static ClientRequest of(UpstreamHttpRequest request, UpstreamOrigin origin, String target) {
        ClientRequest r = new ClientRequest().setMethod(new HttpString(request.method())).setPath(target);
        HeaderMap h = r.getRequestHeaders();
        request.headers().forEach((name, value) -> h.put(new HttpString(name), value));
        if (!h.contains(Headers.HOST)) {
            h.put(Headers.HOST, origin.hostHeader());
        }
        if (!h.contains(Headers.USER_AGENT)) {
            h.put(Headers.USER_AGENT, USER_AGENT);
        }
        h.remove(Headers.TRANSFER_ENCODING);
        if (request.body() != null) {
            h.put(Headers.CONTENT_LENGTH, request.body().length);
        } else if (permitsBody(request.method())) {
            h.put(Headers.CONTENT_LENGTH, 0);
        } else {
            h.remove(Headers.CONTENT_LENGTH);
        }
        return r;
    }

    private static boolean permitsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }
}
