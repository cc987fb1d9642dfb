package dev.cliproxy.host.amp;

import dev.cliproxy.host.http.Caller;
import dev.cliproxy.host.http.JsonReply;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;

/**
 * What every route reverse-proxied to Amp checks first, as the Go anchor does: a CORS preflight is refused (403; a
 * browser page elsewhere must not drive the user's Amp account), no upstream configured is 503, and with
 * {@code restrict-management-to-localhost} a caller that is not this machine ({@link Caller}: a loopback connection
 * that no forwarding header names anyone else on) is 403. Read from the live settings on every request.
 */
final class ProxiedRouteGate implements HttpHandler {

    static final byte[] LOCALHOST_ONLY = "{\"error\":\"Access denied: management routes restricted to localhost\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final LiveAmpSettings settings;
    private final HttpHandler next;

    ProxiedRouteGate(LiveAmpSettings settings, HttpHandler next) {
        this.settings = settings;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
            exchange.setStatusCode(403);
            exchange.endExchange();
            return;
        }
        AmpSettings s = settings.current();
        if (!s.hasUpstream()) {
            JsonReply.send(exchange, 503, AmpUpstream.NOT_AVAILABLE);
            return;
        }
        if (s.restrictToLocalhost() && !Caller.isLocal(exchange)) {
            JsonReply.send(exchange, 403, LOCALHOST_ONLY);
            return;
        }
        next.handleRequest(exchange);
    }
}
