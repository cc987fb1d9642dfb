package dev.cliproxy.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a handler that blocks (the Amp reverse proxy, management calls that reach upstreams) on a virtual thread, with
 * as few hand-offs between threads as possible; model requests use {@link IoThreadExchange} and block nothing. On
 * the XNIO I/O thread: the body is read without blocking ({@link RequestBodies#readAhead}) and the
 * {@link ExchangeChannel} is set up (its disconnect watch registers there). Then the {@link ChannelHandler} runs on a
 * virtual thread, outside Undertow's handler call; whatever it sends, the channel does on the I/O thread.
 *
 * <p>Why not {@link VirtualThreadDispatch}: an exchange that ends on another thread than its connection's I/O thread
 * must re-arm the keep-alive connection's reader from there (a selector wake-up, under Undertow's request-state
 * handshake, while the I/O thread busy-waits for it), and reading the body on the virtual thread blocks it once more.
 * On a small machine this cost more than the rest of a pass-through request.
 */
public final class VirtualThreadExchange implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualThreadExchange.class);

    private final ExecutorService executor;
    private final ChannelHandler handler;

    public VirtualThreadExchange(ExecutorService executor, ChannelHandler handler) {
        this.executor = executor;
        this.handler = handler;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        RequestBodies.readAhead(exchange, this::bodyRead);
    }

    /** On the I/O thread, in the handler call: the virtual thread starts once the call has returned. */
    private void bodyRead(HttpServerExchange exchange) {
        ExchangeChannel channel = new ExchangeChannel(exchange);
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {
            try {
                executor.execute(() -> run(exchange, channel));
            } catch (RejectedExecutionException shuttingDown) {
                channel.endWithStatus(503);
            }
        });
    }

    private void run(HttpServerExchange exchange, ExchangeChannel channel) {
        try {
            handler.handle(exchange, channel);
        } catch (Throwable t) {
            // handlers answer their own failures; this is a bug, answered as Undertow would have
            LOG.error("Request {} {} failed unexpectedly", exchange.getRequestMethod(), exchange.getRequestPath(), t);
            channel.endWithStatus(500);
        } finally {
            channel.close();
        }
    }
}
