package dev.cliproxy.host.oauth;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local servers OAuth redirects land on: one small Undertow per port (Claude 54545, Codex 1455...), bound to
 * {@code localhost}, shared by the sessions that use that port and stopped once no session waits. Any path is
 * accepted (the state says which session it is); the browser gets a short page saying how the login ended.
 * Plugins never bind sockets: this class does it for them.
 */
final class CallbackServers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackServers.class);

    private record Server(Undertow undertow, GracefulShutdownHandler gate) {
    }

    private final LoginSessions sessions;
    private final Map<Integer, Server> servers = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    CallbackServers(LoginSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * A server on {@code port} (0: a free one), started unless one already runs there; the port bound, or -1 when
     * it cannot be bound (in use: the redirect can still be completed through the main port).
     */
    int bind(int port) {
        lock.lock();
        try {
            return bindLocked(port);
        } finally {
            lock.unlock();
        }
    }

    private int bindLocked(int port) {
        if (port > 0 && servers.containsKey(port)) {
            return port;
        }
        GracefulShutdownHandler gate = new GracefulShutdownHandler(new BlockingHandler(this::handle));
        Undertow undertow = Undertow.builder().setIoThreads(1).setWorkerThreads(2)
                .addHttpListener(port, "localhost").setHandler(gate).build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            LOG.warn("Cannot listen for the OAuth callback on localhost:{} ({}); complete the login through"
                    + " /oauth-callback instead", port, e.getMessage());
            return -1;
        }
        int bound = ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
        servers.put(bound, new Server(undertow, gate));
        return bound;
    }

    /** Stops every server once no session waits any more (after the answers in flight are sent). */
    void release() {
        lock.lock();
        try {
            if (sessions.anyWaiting()) {
                return;
            }
            for (Server s : servers.values()) {
                Thread.ofVirtual().name("oauth-callback-stop").start(() -> stop(s));
            }
            servers.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Completes the session named by the request's {@code state} with its {@code code} or {@code error}. */
    void handle(HttpServerExchange exchange) {
        LoginSessions.Outcome outcome = sessions.complete(query(exchange, "state"), query(exchange, "code"),
                query(exchange, "error"));
        String text = outcome.status() == 200 ? "Login successful. You can close this window."
                : "Login failed: " + outcome.message();
        exchange.setStatusCode(outcome.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(text, StandardCharsets.UTF_8);
    }

    private static String query(HttpServerExchange exchange, String name) {
        Deque<String> v = exchange.getQueryParameters().get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    private static void stop(Server s) {
        s.gate().shutdown();
        try {
            s.gate().awaitShutdown(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        s.undertow().stop();
    }

    /** Stops every server, after the answers in flight are sent (the lock is not held meanwhile). */
    @Override
    public void close() {
        List<Server> running;
        lock.lock();
        try {
            running = List.copyOf(servers.values());
            servers.clear();
        } finally {
            lock.unlock();
        }
        running.forEach(CallbackServers::stop);
    }
}
