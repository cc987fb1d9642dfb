package dev.cliproxy.host.http;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Notices, within one event-loop turn, that an HTTP/1.1 client closed its connection while its request is being
 * served. Undertow stops reading a connection while a request runs, so a client that leaves while the upstream is
 * still silent (thinking, or between stream events) would otherwise go unnoticed until the next write. Once the
 * request body has been read, this watch reads the connection's raw socket on its XNIO I/O thread (no extra thread,
 * no temporary selector): end of stream or a reset fires {@code onDisconnect}. Bytes that do arrive (a pipelined
 * next request) are handed back to Undertow untouched and the watch ends. {@link #close()} must be called before
 * the response completes, so that Undertow's own reader takes over the connection again.
 *
 * <p>HTTP/2 connections are read by Undertow all the time; for them the connection close listener and writes
 * report disconnects, and this watch does nothing.
 */
final class ClientDisconnectWatch implements ChannelListener<ConduitStreamSourceChannel>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientDisconnectWatch.class);
    private static final ClientDisconnectWatch NONE = new ClientDisconnectWatch(null, null, null, null);

    private final AbstractServerConnection connection;
    private final ConduitStreamSourceChannel source;
    private final StreamSourceConduit saved;
    private final Runnable onDisconnect;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean stopped;

    private ClientDisconnectWatch(AbstractServerConnection connection, ConduitStreamSourceChannel source,
                                  StreamSourceConduit saved, Runnable onDisconnect) {
        this.connection = connection;
        this.source = source;
        this.saved = saved;
        this.onDisconnect = onDisconnect;
    }

    /**
     * Starts watching the connection of {@code exchange} if it is HTTP/1.1, its request body has been read and no
     * pipelined bytes are pending; otherwise returns a watch that does nothing.
     */
    static ClientDisconnectWatch start(HttpServerExchange exchange, Runnable onDisconnect) {
        if (!(exchange.getConnection() instanceof AbstractServerConnection c) || !exchange.isRequestComplete()
                || c.getExtraBytes() != null || c.getChannel() == null || !c.isOpen()) {
            return NONE;
        }
        ConduitStreamSourceChannel source = c.getChannel().getSourceChannel();
        ClientDisconnectWatch watch = new ClientDisconnectWatch(c, source, source.getConduit(), onDisconnect);
        watch.lock.lock();
        try {
            source.setConduit(c.getOriginalSourceConduit());
            source.setReadListener(watch);
            source.resumeReads();
        } finally {
            watch.lock.unlock();
        }
        return watch;
    }

    /** Called on the connection's I/O thread when the client socket is readable (data, end of stream or error). */
    @Override
    public void handleEvent(ConduitStreamSourceChannel channel) {
        boolean gone = false;
        lock.lock();
        try {
            if (stopped) {
                channel.suspendReads();
                return;
            }
            PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
            boolean handedBack = false;
            try {
                int n = channel.read(pooled.getBuffer());
                if (n == 0) {
                    return;
                }
                if (n > 0) {
                    pooled.getBuffer().flip();
                    connection.setExtraBytes(pooled);
                    handedBack = true;
                } else {
                    gone = true;
                }
            } catch (IOException e) {
                gone = true;
            } finally {
                if (!handedBack) {
                    pooled.close();
                }
            }
            stop();
        } finally {
            lock.unlock();
        }
        if (gone) {
            LOG.debug("Client {} disconnected while its request was running", connection.getPeerAddress());
            onDisconnect.run();
        }
    }

    /** Stops watching and gives the connection back to Undertow. Idempotent; any thread. */
    @Override
    public void close() {
        if (this == NONE) {
            return;
        }
        lock.lock();
        try {
            stop();
        } finally {
            lock.unlock();
        }
    }

    private void stop() {
        if (!stopped) {
            stopped = true;
            source.suspendReads();
            source.getReadSetter().set(null);
            source.setConduit(saved);
        }
    }
}
