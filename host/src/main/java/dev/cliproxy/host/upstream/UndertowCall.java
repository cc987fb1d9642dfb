package dev.cliproxy.host.upstream;

import dev.cliproxy.host.config.ProxyConfig;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * One upstream call of an {@link UndertowTransport}, from connect to the answer's last byte. Runs only on its I/O
 * thread; {@link #done} guards the single terminal callback against every race (timers, cancellation, connection
 * errors, the receiver's own abort).
 */
final class UndertowCall implements ThreadConnections.Waiter, BodyFlow {

    private static final Logger LOG = LoggerFactory.getLogger(UndertowCall.class);
    /** How soon after sending a reused connection must break for the call to be sent again (see {@link #broke}). */
    private static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final UpstreamHttpRequest request;
    private final UpstreamOrigin origin;
    private final String target;
    private final XnioIoThread thread;
    private final ThreadConnections connections;
    private final ByteBufferPool buffers;
    private final ProxyConfig.Timeouts timeouts;
    private final AnswerReceiver receiver;

    /** When opening the connection, and the answer's head, are overdue ({@link System#nanoTime()}; 0: not timed). */
    private long connectDeadline;
    private long firstByteDeadline;
    private ClientConnection connection;
    private ClientExchange exchange;
    private StreamSourceChannel body;
    private boolean reused;
    private long sentNanos;
    private boolean retried;
    private boolean requestWritten;
    private boolean paused;
    private boolean pumping;
    private boolean done;

    UndertowCall(UpstreamHttpRequest request, UpstreamOrigin origin, String target, XnioIoThread thread,
                 ThreadConnections connections, ByteBufferPool buffers, ProxyConfig.Timeouts timeouts,
                 AnswerReceiver receiver) {
        this.request = request;
        this.origin = origin;
        this.target = target;
        this.thread = thread;
        this.connections = connections;
        this.buffers = buffers;
        this.timeouts = timeouts;
        this.receiver = receiver;
    }

    /** Starts the call; on the I/O thread. */
    void start() {
        connections.started(this);
        request.cancellation().onCancel(() -> thread.execute(() -> fail(new IOException("cancelled"))));
        firstByteDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeouts.firstByteSeconds());
        connect(true);
    }

    private void connect(boolean reuse) {
        connections.acquire(origin, this, reuse);
        if (!done && connection == null && connectDeadline == 0) { // a new connection is being opened
            connectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeouts.connectSeconds());
        }
    }

    private void connectTimedOut() {
        connectDeadline = 0;
        if (!done && connection == null) {
            fail(new IOException("cannot connect to upstream " + origin.authority() + " within "
                    + timeouts.connectSeconds() + " s"));
            connections.gaveUp(origin);
        }
    }

    @Override
    public boolean waiting() {
        return !done;
    }

    @Override
    public void tick(long now) {
        if (connectDeadline != 0 && now - connectDeadline >= 0) {
            connectTimedOut();
        }
        if (!done && firstByteDeadline != 0 && now - firstByteDeadline >= 0) {
            fail(new InterruptedIOException("no response from upstream within " + timeouts.firstByteSeconds()
                    + " s"));
        }
    }

    @Override
    public void connectFailed(IOException error) {
        fail(new IOException("cannot connect to upstream " + origin.authority() + ": " + error.getMessage(), error));
    }

    @Override
    public void closing(IOException error) {
        fail(error);
    }

    @Override
    public void connected(ClientConnection c, boolean reusedConnection) {
        connectDeadline = 0;
        connection = c;
        reused = reusedConnection;
        sentNanos = System.nanoTime();
        try {
            c.sendRequest(RequestHead.of(request, origin, target), new ClientCallback<>() {
                @Override
                public void completed(ClientExchange result) {
                    sent(result);
                }

                @Override
                public void failed(IOException e) {
                    if (connection == c) {
                        broke(e);
                    }
                }
            });
        } catch (RuntimeException e) {
            broke(new IOException("cannot send upstream request: " + e.getMessage(), e));
        }
    }

    private void sent(ClientExchange ex) {
        if (done) {
            IoUtils.safeClose(ex.getRequestChannel());
            return;
        }
        exchange = ex;
        ex.setResponseListener(new ClientCallback<>() {
            @Override
            public void completed(ClientExchange result) {
                head(result);
            }

            @Override
            public void failed(IOException e) {
                if (exchange == ex) {
                    broke(e);
                }
            }
        });
        byte[] bytes = request.body();
        if (bytes == null || bytes.length == 0) {
            requestWritten = true; // Undertow sends a request without content on its own
            return;
        }
        ByteBuffer out = ByteBuffer.wrap(bytes);
        StreamSinkChannel channel = ex.getRequestChannel();
        channel.getWriteSetter().set(c -> {
            if (exchange == ex) {
                write(c, out);
            }
        });
        write(channel, out);
    }

    /** Writes what the socket takes now and continues from the write listener; then ends and flushes. */
    private void write(StreamSinkChannel channel, ByteBuffer out) {
        if (done || requestWritten) {
            return;
        }
        try {
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    channel.resumeWrites();
                    return;
                }
            }
            channel.shutdownWrites();
            if (!channel.flush()) {
                channel.resumeWrites();
                return;
            }
            channel.suspendWrites();
            channel.getWriteSetter().set(null);
            requestWritten = true;
        } catch (IOException e) {
            broke(e);
        }
    }

    /**
     * The request could not be sent or no answer came. A connection that had served calls before and breaks at once
     * (within {@link #STALE_NANOS}) was closed by the upstream while idle, before it saw the request: the call gets
     * one more try on a new connection. Later breaks are not retried, as the upstream may have acted on the request.
     */
    private void broke(IOException e) {
        if (done) {
            return;
        }
        if (reused && body == null && !retried && System.nanoTime() - sentNanos < STALE_NANOS) {
            LOG.debug("reused upstream connection to {} failed ({}), retrying on a new one", origin.authority(),
                    e.toString());
            retried = true;
            connections.unshare(origin, connection);
            drop();
            connect(false);
            return;
        }
        fail(e);
    }

    private void head(ClientExchange ex) {
        if (done || exchange != ex) {
            IoUtils.safeClose(ex.getResponseChannel());
            return;
        }
        firstByteDeadline = 0;
        body = ex.getResponseChannel();
        body.getReadSetter().set(c -> pump());
        try {
            receiver.head(ex.getResponse().getResponseCode(), headers(ex.getResponse().getResponseHeaders()), this);
        } catch (RuntimeException e) {
            receiverFailed(e);
            return;
        }
        if (!done && !paused) {
            pump();
        }
    }

    private static Map<String, List<String>> headers(HeaderMap map) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HeaderValues values : map) {
            out.computeIfAbsent(values.getHeaderName().toString(), k -> new ArrayList<>()).addAll(values);
        }
        return out;
    }

    /** Reads and delivers body bytes until the socket has none, the receiver pauses or the body ends. */
    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (!done && !paused) {
                int n;
                try (PooledByteBuffer pooled = buffers.allocate()) {
                    ByteBuffer buffer = pooled.getBuffer();
                    n = body.read(buffer);
                    if (n > 0) {
                        buffer.flip();
                        receiver.body(buffer);
                    }
                }
                if (n == 0) {
                    body.resumeReads();
                    return;
                }
                if (n < 0) {
                    complete();
                    return;
                }
            }
            if (paused && !done) {
                body.suspendReads();
            }
        } catch (IOException e) {
            fail(e);
        } catch (RuntimeException e) {
            receiverFailed(e);
        } finally {
            pumping = false;
        }
    }

    private void complete() {
        finish();
        if (!connection.isMultiplexingSupported()) {
            if (requestWritten) {
                connections.release(origin, connection);
            } else {
                IoUtils.safeClose(connection);
            }
        }
        receiver.end();
    }

    private void receiverFailed(RuntimeException e) {
        LOG.warn("upstream answer receiver failed", e);
        fail(new IOException("answer receiver failed: " + e, e));
    }

    /** Ends the call with {@code error}, unless it has ended already. */
    private void fail(IOException error) {
        if (done) {
            return;
        }
        finish();
        drop();
        receiver.failed(error);
    }

    private void finish() {
        done = true;
        connectDeadline = 0;
        firstByteDeadline = 0;
        connections.ended(this);
    }

    /** Lets go of the connection without reusing it: an HTTP/1.1 one is closed, an HTTP/2 stream reset. */
    private void drop() {
        ClientConnection c = connection;
        ClientExchange ex = exchange;
        StreamSourceChannel b = body;
        connection = null; // closing fails the exchange at once: that callback must find it gone
        exchange = null;
        body = null;
        requestWritten = false;
        if (c == null) {
            return;
        }
        if (!c.isMultiplexingSupported()) {
            closeNow(c);
        } else if (ex != null) {
            IoUtils.safeClose(ex.getRequestChannel());
            IoUtils.safeClose(b);
        }
    }

    /**
     * Closes an HTTP/1.1 connection at once. Its own {@code close()} closes cleanly: it half-closes and then waits for
     * the upstream to close its side, which a silent upstream never does. Taking the raw connection back from the
     * HTTP client ({@code performUpgrade}) and closing that ends the socket now.
     */
    private static void closeNow(ClientConnection c) {
        try {
            IoUtils.safeClose(c.performUpgrade());
        } catch (IOException | RuntimeException alreadyClosed) {
            // nothing left to take back
        }
        IoUtils.safeClose(c);
    }

    @Override
    public void pause() {
        if (done || paused) {
            return;
        }
        paused = true;
        if (body != null && !pumping) {
            body.suspendReads();
        }
    }

    @Override
    public void resume() {
        if (done || !paused) {
            return;
        }
        paused = false;
        if (body != null) {
            pump();
        }
    }

    @Override
    public void abort() {
        if (done) {
            return;
        }
        finish();
        drop();
    }
}
