package dev.cliproxy.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.ExecutorService;

/**
 * Moves a request off the XNIO I/O thread onto a virtual thread and switches the exchange to blocking I/O, so the
 * handlers after it may block on upstream calls and streams. (Undertow's own {@code BlockingHandler} would use the
 * platform worker pool instead.)
 */
public final class VirtualThreadDispatch implements HttpHandler {

    private final ExecutorService executor;
    private final HttpHandler next;

    public VirtualThreadDispatch(ExecutorService executor, HttpHandler next) {
        this.executor = executor;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(executor, this);
            return;
        }
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        next.handleRequest(exchange);
    }
}
