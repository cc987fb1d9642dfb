package dev.cliproxy.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

/** Permissive CORS, as the Go anchor: any origin; every {@code OPTIONS} preflight is answered 204 before auth. */
public final class Cors implements HttpHandler {

    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");

    private final HttpHandler next;

    public Cors(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.getResponseHeaders().put(ALLOW_ORIGIN, "*");
        if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
            exchange.getResponseHeaders().put(ALLOW_METHODS, "GET, POST, PUT, PATCH, DELETE, OPTIONS");
            exchange.getResponseHeaders().put(ALLOW_HEADERS, "*");
            exchange.setStatusCode(204);
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders().put(EXPOSE_HEADERS, "X-Request-Id, X-CPA-TRACE-ID, Retry-After");
        next.handleRequest(exchange);
    }
}
