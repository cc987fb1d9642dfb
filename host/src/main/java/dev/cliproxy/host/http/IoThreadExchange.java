package dev.cliproxy.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a model request on the XNIO I/O thread that read it, with no hand-off to another thread: the body is read
 * without blocking ({@link RequestBodies#readAhead}), the {@link ExchangeChannel} is set up, and the
 * {@link AsyncChannelHandler} starts right after Undertow's handler call returns. The upstream answer arrives on the
 * same thread (see {@code UpstreamTransport}), is translated there and written to the client there; the channel is
 * closed when the handler's stage completes. A body over {@value #LARGE_BODY} bytes is parsed and translated on a
 * virtual thread instead (milliseconds of work that would stall every other exchange of the I/O thread); its answer
 * still arrives on the I/O thread. Handlers that block use {@link VirtualThreadExchange} instead.
 */
public final class IoThreadExchange implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IoThreadExchange.class);

    /** Bodies larger than this start on a virtual thread. */
    static final int LARGE_BODY = 256 * 1024;

    private final AsyncChannelHandler handler;
    private final Executor virtualThreads;

    /** Runs {@code handler} on the I/O thread, or on one of {@code virtualThreads} for a large body. */
    public IoThreadExchange(AsyncChannelHandler handler, Executor virtualThreads) {
        this.handler = handler;
        this.virtualThreads = virtualThreads;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        RequestBodies.readAhead(exchange, ex -> {
            ExchangeChannel channel = new ExchangeChannel(ex);
            if (RequestBodies.readAheadLength(ex) <= LARGE_BODY) {
                ex.dispatch(SameThreadExecutor.INSTANCE, () -> run(ex, channel));
                return;
            }
            ex.dispatch(SameThreadExecutor.INSTANCE, () -> {
                try {
                    virtualThreads.execute(() -> run(ex, channel));
                } catch (RejectedExecutionException shuttingDown) {
                    channel.endWithStatus(503);
                }
            });
        });
    }

    private void run(HttpServerExchange exchange, ExchangeChannel channel) {
        try {
            handler.handle(exchange, channel).whenComplete((done, error) -> {
                if (error != null) {
                    failed(exchange, channel, error);
                }
                channel.close();
            });
        } catch (Throwable t) {
            failed(exchange, channel, t);
            channel.close();
        }
    }

    /** Handlers answer their own failures; this is a bug, answered as Undertow would have. */
    private static void failed(HttpServerExchange exchange, ExchangeChannel channel, Throwable t) {
        LOG.error("Request {} {} failed unexpectedly", exchange.getRequestMethod(), exchange.getRequestPath(), t);
        channel.endWithStatus(500);
    }
}
