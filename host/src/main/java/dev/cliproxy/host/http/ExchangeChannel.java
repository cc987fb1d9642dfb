package dev.cliproxy.host.http;

import dev.cliproxy.host.pipeline.ClientChannel;
import dev.cliproxy.host.upstream.Cancellation;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * The pipeline's {@link ClientChannel} over an Undertow exchange owned by a virtual thread (see
 * {@link VirtualThreadExchange}). A whole answer is handed back to the exchange's I/O thread, which sends it and ends
 * the exchange; a stream switches the exchange to blocking I/O and is written from the virtual thread. Its
 * cancellation fires as soon as the client goes away: the connection's read side reports end of stream
 * ({@link ClientDisconnectWatch}, HTTP/1.1), the connection closes, or a write fails. {@link #close()} ends the
 * exchange if nothing else has; after a whole answer the virtual thread must not touch the exchange again.
 */
public final class ExchangeChannel implements ClientChannel, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeChannel.class);

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final AttachmentKey<Set<ExchangeCancellation>> ACTIVE =
            (AttachmentKey) AttachmentKey.create(Set.class);

    private final HttpServerExchange exchange;
    private final ExchangeCancellation cancellation = new ExchangeCancellation();
    private final ClientDisconnectWatch disconnects;
    private OutputStream stream;
    /** The exchange went back to its I/O thread: this thread must not touch it any more. */
    private boolean handedBack;

    /** The channel of {@code exchange}; create it on the I/O thread, once the request body has been read. */
    public ExchangeChannel(HttpServerExchange exchange) {
        this.exchange = exchange;
        Set<ExchangeCancellation> active = watch(exchange.getConnection());
        active.add(cancellation);
        exchange.addExchangeCompleteListener((ex, next) -> {
            active.remove(cancellation);
            next.proceed();
        });
        this.disconnects = ClientDisconnectWatch.start(exchange, cancellation::cancel);
    }

    /**
     * The cancellations of the exchanges running on {@code connection}; one close listener per connection fires
     * them all, and completed exchanges leave the set, so keep-alive connections accumulate nothing.
     */
    private static Set<ExchangeCancellation> watch(ServerConnection connection) {
        Set<ExchangeCancellation> active = connection.getAttachment(ACTIVE);
        if (active == null) {
            Set<ExchangeCancellation> created = ConcurrentHashMap.newKeySet();
            connection.putAttachment(ACTIVE, created);
            connection.addCloseListener(c -> created.forEach(ExchangeCancellation::cancel));
            active = created;
        }
        return active;
    }

    /** Hands the answer to the I/O thread, which sends it (without blocking) and ends the exchange. */
    @Override
    public void sendJson(int status, byte[] body, Map<String, String> headers) {
        handBack(() -> {
            disconnects.close();
            JsonReply.send(exchange, status, body, headers);
        });
    }

    /** Ends the exchange with a bare {@code status} unless an answer has begun (a handler's bug, or shut down). */
    void endWithStatus(int status) {
        if (handedBack || stream != null) {
            return;
        }
        handBack(() -> {
            disconnects.close();
            exchange.setStatusCode(status);
            exchange.endExchange();
        });
    }

    /**
     * Ends the exchange unless a whole answer already has: ends the disconnect watch, drops the connection of a
     * client that has gone away (nothing more can reach it), and completes the response. Call once the pipeline is
     * done, on its thread.
     */
    @Override
    public void close() {
        if (handedBack) {
            return;
        }
        if (stream == null) {
            handBack(this::end);
        } else {
            end(); // the stream's last bytes may have to wait for the client: this thread may block, I/O may not
        }
    }

    private void end() {
        disconnects.close();
        if (cancellation.isCancelled() && !exchange.isResponseComplete()) {
            IoUtils.safeClose(exchange.getConnection());
        }
        exchange.endExchange();
    }

    private void handBack(Runnable onIoThread) {
        handedBack = true;
        exchange.getIoThread().execute(() -> {
            try {
                onIoThread.run();
            } catch (RuntimeException e) {
                LOG.warn("Cannot answer request {}: {}", RequestIds.of(exchange), e.toString());
                IoUtils.safeClose(exchange.getConnection());
            }
        });
    }

    @Override
    public void startStream(String contentType, Map<String, String> headers) {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.DATE, HttpDate.now());
        headers.forEach((k, v) -> exchange.getResponseHeaders().put(new HttpString(k), v));
        openStream();
    }

    /**
     * Commits a response of any status with {@code headers} (every value of each name, as a reverse proxy relays
     * them); the body follows with {@link #write}, each write flushed. A {@code Content-Length} among the headers
     * makes the body that long.
     */
    public void startResponse(int status, Map<String, List<String>> headers) {
        exchange.setStatusCode(status);
        headers.forEach((k, v) -> exchange.getResponseHeaders().putAll(new HttpString(k), v));
        openStream();
    }

    private void openStream() {
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        stream = exchange.getOutputStream();
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        try {
            stream.write(bytes);
            stream.flush();
        } catch (IOException e) {
            cancellation.cancel();
            throw e;
        }
    }

    /**
     * Gives up on a started answer: the connection is dropped when the channel closes, so the client sees the body
     * cut off instead of complete (for a relay whose source broke off).
     */
    public void abort() {
        cancellation.cancel();
    }

    @Override
    public boolean streamStarted() {
        return stream != null;
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    /** Fires its actions once, when the client goes away. */
    static final class ExchangeCancellation implements Cancellation {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final List<Runnable> actions = new CopyOnWriteArrayList<>();

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        @Override
        public void onCancel(Runnable action) {
            actions.add(action);
            if (cancelled.get() && actions.remove(action)) {
                action.run();
            }
        }

        void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                for (Runnable r : actions) {
                    if (actions.remove(r)) {
                        r.run();
                    }
                }
            }
        }
    }
}
