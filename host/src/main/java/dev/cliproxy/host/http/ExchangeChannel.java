package dev.cliproxy.host.http;

import dev.cliproxy.host.pipeline.ClientChannel;
import dev.cliproxy.host.upstream.Cancellation;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSinkChannel;

/**
 * The pipeline's {@link ClientChannel} over an Undertow exchange. Every operation runs on the exchange's I/O thread
 * (a call from another thread, such as a handler's virtual thread, is handed there) and none blocks it: a whole
 * answer is sent with Undertow's non-blocking sender; a stream's bytes go to the response channel, and what the
 * client cannot take yet waits in a backlog that is written when the socket becomes writable. The pipeline pauses its
 * upstream while the backlog is not empty ({@link #backlogged()}, {@link #whenDrained}); a writer on a virtual thread
 * (the Amp reverse proxy) instead waits while more than {@value #HIGH_WATER} bytes are queued. Its cancellation fires
 * as soon as the client goes away: the connection's read side reports end of stream ({@link ClientDisconnectWatch},
 * HTTP/1.1), the connection closes, or a write fails. {@link #close()} ends the exchange once the backlog is written.
 */
public final class ExchangeChannel implements ClientChannel, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeChannel.class);

    /** How many queued bytes make a writer on another thread wait. */
    static final int HIGH_WATER = 64 * 1024;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final AttachmentKey<Set<ExchangeCancellation>> ACTIVE =
            (AttachmentKey) AttachmentKey.create(Set.class);

    private final HttpServerExchange exchange;
    private final XnioIoThread io;
    private final ExchangeCancellation cancellation = new ExchangeCancellation();
    private final ClientDisconnectWatch disconnects;
    /** I/O thread only: the response channel of a started stream, its unwritten bytes, who waits for them. */
    private StreamSinkChannel sink;
    private final ArrayDeque<ByteBuffer> backlog = new ArrayDeque<>();
    private boolean unflushed;
    private final List<Runnable> drained = new ArrayList<>(1);
    private boolean endWhenDrained;
    /** Bytes queued and not yet written, for writers on other threads. */
    private final AtomicLong queued = new AtomicLong();
    private final ReentrantLock waitLock = new ReentrantLock();
    private final Condition belowHighWater = waitLock.newCondition();
    private volatile boolean writerWaiting;
    /** An answer has begun: a whole one was handed to Undertow, or a stream started. */
    private volatile boolean streamStarted;
    private volatile boolean answered;
    private volatile boolean closed;

    /** The channel of {@code exchange}; create it on the I/O thread, once the request body has been read. */
    public ExchangeChannel(HttpServerExchange exchange) {
        this.exchange = exchange;
        this.io = exchange.getIoThread();
        Set<ExchangeCancellation> active = watch(exchange.getConnection());
        active.add(cancellation);
        exchange.addExchangeCompleteListener((ex, next) -> {
            active.remove(cancellation);
            next.proceed();
        });
        this.disconnects = ClientDisconnectWatch.start(exchange, cancellation::cancel);
        cancellation.onCancel(() -> {
            wakeWriter();
            onIoThread(() -> {
                backlog.clear();
                unflushed = false;
                queued.set(0);
                fireDrained(); // a paused upstream resumes, and its next write finds the client gone
                endIfWaiting();
            });
        });
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

    /** Sends the answer without blocking and ends the exchange. */
    @Override
    public void sendJson(int status, byte[] body, Map<String, String> headers) {
        answered = true;
        onIoThread(() -> {
            disconnects.close();
            JsonReply.send(exchange, status, body, headers);
        });
    }

    /** Ends the exchange with a bare {@code status} unless an answer has begun (a handler's bug, or shut down). */
    void endWithStatus(int status) {
        if (answered || streamStarted) {
            return;
        }
        answered = true;
        onIoThread(() -> {
            disconnects.close();
            exchange.setStatusCode(status);
            exchange.endExchange();
        });
    }

    /**
     * Ends the exchange unless a whole answer already has, once the stream's backlog is written: ends the disconnect
     * watch, drops the connection of a client that has gone away (nothing more can reach it), and completes the
     * response. Call once the answer is over; idempotent.
     */
    @Override
    public void close() {
        if (closed || answered && !streamStarted) {
            return;
        }
        closed = true;
        answered = true;
        onIoThread(() -> {
            if (backlogged() && !cancellation.isCancelled()) {
                endWhenDrained = true;
            } else {
                end();
            }
        });
    }

    /** Ends a closed channel whose backlog the client will never take. */
    private void endIfWaiting() {
        if (endWhenDrained) {
            end();
        }
    }

    private void end() {
        endWhenDrained = false;
        disconnects.close();
        if (cancellation.isCancelled() && !exchange.isResponseComplete()) {
            IoUtils.safeClose(exchange.getConnection());
        }
        exchange.endExchange();
    }

    private void onIoThread(Runnable task) {
        if (Thread.currentThread() == io) {
            run(task);
        } else {
            io.execute(() -> run(task));
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("Cannot answer request {}: {}", RequestIds.of(exchange), e.toString());
            cancellation.cancel();
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    @Override
    public void startStream(String contentType, Map<String, String> headers) {
        streamStarted = true;
        onIoThread(() -> {
            exchange.setStatusCode(200);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
            exchange.getResponseHeaders().put(Headers.DATE, HttpDate.now());
            headers.forEach((k, v) -> exchange.getResponseHeaders().put(new HttpString(k), v));
            sink = exchange.getResponseChannel();
        });
    }

    /**
     * Commits a response of any status with {@code headers} (every value of each name, as a reverse proxy relays
     * them); the body follows with {@link #write}, each write flushed. A {@code Content-Length} among the headers
     * makes the body that long.
     */
    public void startResponse(int status, Map<String, List<String>> headers) {
        streamStarted = true;
        onIoThread(() -> {
            exchange.setStatusCode(status);
            headers.forEach((k, v) -> exchange.getResponseHeaders().putAll(new HttpString(k), v));
            if (exchange.getResponseHeaders().contains(Headers.CONTENT_LENGTH)) {
                // the last byte completes this response and the client may send its next request at once: the
                // disconnect watch must have handed the connection back to Undertow's reader by then
                disconnects.close();
            }
            sink = exchange.getResponseChannel();
        });
    }

    /**
     * Queues {@code bytes} and writes (and flushes) as much as the client takes now. On the I/O thread this never
     * waits; on another thread it waits while more than {@value #HIGH_WATER} bytes are queued.
     */
    @Override
    public void write(byte[] bytes) throws IOException {
        if (cancellation.isCancelled()) {
            throw new IOException("client disconnected");
        }
        queued.addAndGet(bytes.length);
        if (Thread.currentThread() == io) {
            enqueue(bytes);
            return;
        }
        io.execute(() -> run(() -> enqueue(bytes)));
        awaitBelowHighWater();
        if (cancellation.isCancelled()) {
            throw new IOException("client disconnected");
        }
    }

    private void enqueue(byte[] bytes) {
        if (sink == null || cancellation.isCancelled()) {
            queued.addAndGet(-bytes.length);
            return;
        }
        backlog.add(ByteBuffer.wrap(bytes));
        unflushed = true;
        if (backlog.size() == 1) {
            drain();
        }
    }

    /** Writes the backlog and flushes; when the client cannot take more, continues once the socket is writable. */
    private void drain() {
        try {
            while (!backlog.isEmpty()) {
                ByteBuffer next = backlog.peek();
                int before = next.remaining();
                sink.write(next);
                queued.addAndGet(next.remaining() - before);
                if (next.hasRemaining()) {
                    awaitWritable();
                    return;
                }
                backlog.poll();
            }
            if (unflushed && !sink.flush()) {
                awaitWritable();
                return;
            }
            unflushed = false;
            sink.suspendWrites();
        } catch (IOException e) {
            backlog.clear();
            unflushed = false;
            queued.set(0);
            cancellation.cancel();
        }
        wakeWriter();
        fireDrained();
        if (endWhenDrained) {
            end();
        }
    }

    private void fireDrained() {
        if (drained.isEmpty()) {
            return;
        }
        List<Runnable> waiting = List.copyOf(drained);
        drained.clear();
        waiting.forEach(Runnable::run);
    }

    private void awaitWritable() {
        sink.getWriteSetter().set(channel -> run(this::drain));
        sink.resumeWrites();
        wakeWriter();
    }

    @Override
    public boolean backlogged() {
        return !backlog.isEmpty() || unflushed;
    }

    @Override
    public void whenDrained(Runnable action) {
        onIoThread(() -> {
            if (backlogged()) {
                drained.add(action);
            } else {
                action.run();
            }
        });
    }

    @Override
    public XnioIoThread ioThread() {
        return io;
    }

    /** Lets a writer on another thread go on when the queue is short again (or the client has gone). */
    private void wakeWriter() {
        if (writerWaiting && (queued.get() <= HIGH_WATER || cancellation.isCancelled())) {
            waitLock.lock();
            try {
                belowHighWater.signalAll();
            } finally {
                waitLock.unlock();
            }
        }
    }

    private void awaitBelowHighWater() {
        if (queued.get() <= HIGH_WATER) {
            return;
        }
        waitLock.lock();
        try {
            writerWaiting = true;
            while (queued.get() > HIGH_WATER && !cancellation.isCancelled()) {
                belowHighWater.awaitUninterruptibly();
            }
        } finally {
            writerWaiting = false;
            waitLock.unlock();
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
        return streamStarted;
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
