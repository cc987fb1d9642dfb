package dev.cliproxy.host.management;

import dev.cliproxy.host.http.ClientAddress;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every management call when it completes: method, path, caller address and status. Never the query string
 * or a header: they may carry keys.
 */
final class ManagementAccessLog implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementAccessLog.class);

    private final HttpHandler next;

    ManagementAccessLog(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String method = exchange.getRequestMethod().toString();
        String path = exchange.getRequestPath();
        String caller = ClientAddress.of(exchange);
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            LOG.info("Management {} {} from {} -> {}", method, path, caller, ex.getStatusCode());
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }
}
