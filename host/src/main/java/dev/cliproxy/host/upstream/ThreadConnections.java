package dev.cliproxy.host.upstream;

import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * The upstream connections of one XNIO I/O thread, by origin. Touched only on that thread, so nothing is locked.
 * An HTTP/1.1 connection serves one call at a time and waits idle for the next ({@value #IDLE_SECONDS} s at most,
 * {@value #MAX_IDLE_PER_ORIGIN} per origin); an HTTP/2 connection is shared by every call to its origin. When HTTP/2
 * is offered, further calls to an {@code https} origin wait for the connection being opened to it instead of opening
 * their own; once an origin answered with HTTP/1.1, each call opens its own connection when none is idle.
 *
 * <p>Timeouts cost no timer per call: while calls run or connections wait idle, one sweep a second asks each call
 * whether a deadline has passed ({@link Waiter#tick}) and closes connections idle too long.
 */
final class ThreadConnections {

    static final long IDLE_SECONDS = 60;
    static final int MAX_IDLE_PER_ORIGIN = 64;
    private static final long SWEEP_MILLIS = 1000;

    /** A call waiting for a connection. */
    interface Waiter {

        /** Whether the call still wants a connection (false once it has ended). */
        boolean waiting();

        /** A connection for the call; {@code reused} when it served calls before. */
        void connected(ClientConnection connection, boolean reused);

        /** No connection could be opened. */
        void connectFailed(IOException error);

        /** Ends the call at once: the transport is closing. */
        void closing(IOException error);

        /** Ends the call if one of its deadlines has passed by {@code now} ({@link System#nanoTime()}). */
        void tick(long now);
    }

    private final XnioIoThread thread;
    private final boolean http2;
    private final BiConsumer<UpstreamOrigin, ClientCallback<ClientConnection>> connector;
    private final Map<UpstreamOrigin, Origin> origins = new HashMap<>();
    private final Set<Waiter> calls = new HashSet<>();
    private XnioExecutor.Key sweep;
    private boolean closed;

    /**
     * @param thread    the I/O thread this pool belongs to
     * @param http2     whether TLS connections offer HTTP/2
     * @param connector opens a connection to an origin on {@code thread}
     */
    ThreadConnections(XnioIoThread thread, boolean http2,
                      BiConsumer<UpstreamOrigin, ClientCallback<ClientConnection>> connector) {
        this.thread = thread;
        this.http2 = http2;
        this.connector = connector;
    }

    /** Counts {@code call} as in flight until {@link #ended}, so that {@link #closeAll} can end it. */
    void started(Waiter call) {
        calls.add(call);
        sweepSoon();
    }

    /** {@code call} has ended. */
    void ended(Waiter call) {
        calls.remove(call);
    }

    /**
     * Hands {@code waiter} a connection to {@code origin}: the shared HTTP/2 one or an idle HTTP/1.1 one when
     * {@code reuse} allows it, else a new one.
     */
    void acquire(UpstreamOrigin origin, Waiter waiter, boolean reuse) {
        if (closed) {
            waiter.connectFailed(new IOException("upstream transport closed"));
            return;
        }
        Origin o = origins.computeIfAbsent(origin, k -> new Origin());
        if (reuse) {
            if (o.shared != null && o.shared.isOpen()) {
                waiter.connected(o.shared, true);
                return;
            }
            Idle idle;
            while ((idle = o.idle.pollLast()) != null) {
                if (idle.connection.isOpen()) {
                    waiter.connected(idle.connection, true);
                    return;
                }
                IoUtils.safeClose(idle.connection);
            }
        }
        if (o.connecting != null) {
            o.connecting.add(waiter);
            return;
        }
        List<Waiter> group = new ArrayList<>(List.of(waiter));
        if (http2 && origin.tls() && !o.http1) {
            o.connecting = group;
        }
        connect(origin, o, group);
    }

    /** Forgets a TLS connect in progress that no call waits for any more, so the next call opens a new one. */
    void gaveUp(UpstreamOrigin origin) {
        Origin o = origins.get(origin);
        if (o != null && o.connecting != null && o.connecting.stream().noneMatch(Waiter::waiting)) {
            o.connecting = null;
        }
    }

    /** Stops handing out {@code connection} to new calls when it is the shared HTTP/2 one (it refused a stream). */
    void unshare(UpstreamOrigin origin, ClientConnection connection) {
        Origin o = origins.get(origin);
        if (o != null && o.shared == connection) {
            o.shared = null;
        }
    }

    /** Takes back an HTTP/1.1 connection whose answer was read completely; it waits idle if still open. */
    void release(UpstreamOrigin origin, ClientConnection connection) {
        Origin o = origins.get(origin);
        if (closed || o == null || !connection.isOpen() || o.idle.size() >= MAX_IDLE_PER_ORIGIN) {
            IoUtils.safeClose(connection);
            return;
        }
        o.idle.addLast(new Idle(connection, System.nanoTime()));
        sweepSoon();
    }

    /** Ends every call in flight and closes every connection; later calls fail at once. */
    void closeAll() {
        closed = true;
        if (sweep != null) {
            sweep.remove();
            sweep = null;
        }
        for (Waiter call : List.copyOf(calls)) {
            call.closing(new IOException("upstream transport closed"));
        }
        for (Origin o : List.copyOf(origins.values())) {
            for (Idle idle : List.copyOf(o.idle)) {
                IoUtils.safeClose(idle.connection);
            }
            IoUtils.safeClose(o.shared);
        }
        origins.clear();
    }

    /** Makes sure a sweep is coming. */
    private void sweepSoon() {
        if (sweep == null && !closed) {
            sweep = thread.executeAfter(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Ends calls past a deadline and closes connections idle too long; again in a second while any remain. */
    private void sweep() {
        sweep = null;
        long now = System.nanoTime();
        for (Waiter call : List.copyOf(calls)) {
            call.tick(now);
        }
        long idleSince = now - TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
        boolean idleLeft = false;
        for (Origin o : origins.values()) {
            Idle oldest;
            while ((oldest = o.idle.peekFirst()) != null && oldest.since() - idleSince <= 0) {
                o.idle.pollFirst();
                IoUtils.safeClose(oldest.connection());
            }
            idleLeft |= !o.idle.isEmpty();
        }
        if (!calls.isEmpty() || idleLeft) {
            sweepSoon();
        }
    }

    private void connect(UpstreamOrigin origin, Origin o, List<Waiter> group) {
        connector.accept(origin, new ClientCallback<>() {
            @Override
            public void completed(ClientConnection connection) {
                if (o.connecting == group) {
                    o.connecting = null;
                }
                opened(origin, o, connection, group);
            }

            @Override
            public void failed(IOException e) {
                if (o.connecting == group) {
                    o.connecting = null;
                }
                for (Waiter w : group) {
                    if (w.waiting()) {
                        w.connectFailed(e);
                    }
                }
            }
        });
    }

    private void opened(UpstreamOrigin origin, Origin o, ClientConnection connection, List<Waiter> group) {
        connection.addCloseListener(c -> forget(o, c));
        if (closed) {
            IoUtils.safeClose(connection);
            group.stream().filter(Waiter::waiting)
                    .forEach(w -> w.connectFailed(new IOException("upstream transport closed")));
            return;
        }
        if (connection.isMultiplexingSupported()) {
            o.http1 = false;
            if (o.shared == null || !o.shared.isOpen()) {
                o.shared = connection;
            }
            boolean used = false;
            for (Waiter w : group) {
                if (w.waiting()) {
                    used = true;
                    w.connected(connection, false);
                }
            }
            if (!used && o.shared != connection) {
                IoUtils.safeClose(connection);
            }
            return;
        }
        o.http1 = true;
        Waiter first = null;
        for (Waiter w : group) {
            if (!w.waiting()) {
                continue;
            }
            if (first == null) {
                first = w;
            } else {
                acquire(origin, w, true);
            }
        }
        if (first == null) {
            release(origin, connection);
        } else {
            first.connected(connection, false);
        }
    }

    private void forget(Origin o, ClientConnection connection) {
        if (o.shared == connection) {
            o.shared = null;
        }
        o.idle.removeIf(idle -> idle.connection == connection);
    }

    /** The connections to one origin. */
    private static final class Origin {
        final ArrayDeque<Idle> idle = new ArrayDeque<>();
        ClientConnection shared;
        List<Waiter> connecting;
        boolean http1;
    }

    /** An idle connection, and since when ({@link System#nanoTime()}). */
    private record Idle(ClientConnection connection, long since) {
    }
}
