package dev.cliproxy.host.panel;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;

/**
 * Sends a panel file with the headers that keep the page to itself: a Content-Security-Policy that allows only
 * this origin (no inline script or style, no other host, no framing), no MIME sniffing, no referrer, and
 * revalidation on every load so an upgraded proxy serves its own panel.
 */
final class PanelResponse {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private PanelResponse() {
    }

    static void send(HttpServerExchange exchange, PanelAsset asset) {
        HeaderMap headers = exchange.getResponseHeaders();
        exchange.setStatusCode(200);
        headers.put(Headers.CONTENT_TYPE, asset.contentType());
        headers.put(Headers.CONTENT_LENGTH, asset.bytes().length);
        headers.put(new HttpString("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        headers.put(new HttpString("X-Content-Type-Options"), "nosniff");
        headers.put(new HttpString("X-Frame-Options"), "DENY");
        headers.put(new HttpString("Referrer-Policy"), "no-referrer");
        headers.put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseSender().send(ByteBuffer.wrap(asset.bytes()));
    }
}
