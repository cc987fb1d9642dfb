package dev.cliproxy.host.management;

import dev.cliproxy.host.config.ConfigStore;
import dev.cliproxy.host.http.VirtualThreadDispatch;
import dev.cliproxy.host.state.LiveState;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.HttpString;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The management API under {@value #BASE}: its route table and the chain every management call goes through,
 * outermost first: virtual-thread dispatch (blocking exchange) -> access log -> management key check
 * ({@link ManagementAuth}) -> error mapping ({@link ManagementErrors}) -> route table.
 *
 * <p>Other features mount their endpoints behind the same key check with {@link #add}, e.g.
 * {@code management.add(Methods.POST, "/reset-quota", new ResetQuotaHandler(...))}. Such a handler is a plain
 * Undertow {@link HttpHandler}: it runs on a virtual thread with the exchange already in blocking mode (it may
 * block and read the body with {@code exchange.getInputStream()}), answers JSON ({@link Replies} answers like the
 * built-in endpoints), and reports errors as {@code {"error": "..."}}: throwing {@link ManagementException} does
 * that; any other uncaught exception becomes 500 {@code {"error":"internal error"}} and is logged.
 */
public final class ManagementRoutes {

    /** The base path of every management route. */
    public static final String BASE = "/v0/management";

    private final RoutingHandler table = new RoutingHandler();
    private final HttpHandler chain;
    private volatile Function<String, String> authFileStatus = name -> null;

    public ManagementRoutes(LiveState live, ConfigStore store, KeyVerifier verifier, ManagementPasswords passwords,
                            ExecutorService executor, Clock clock) {
        table.setFallbackHandler(exchange -> Replies.error(exchange, 404, "not found"));
        table.setInvalidMethodHandler(exchange -> Replies.error(exchange, 405, "method not allowed"));
        this.chain = new VirtualThreadDispatch(executor, new ManagementAccessLog(new ManagementAuth(live,
                verifier, passwords, new Lockout(clock), new ManagementErrors(table))));
        ScalarEndpoints.register(this, store);
        StringListEndpoints.register(this, store);
        ObjectListEndpoints.register(this, store);
        AmpcodeEndpoints.register(this, store);
        ConfigFileEndpoints.register(this, store);
        AuthFileEndpoints.register(this, store);
        ModelEndpoints.register(this, live);
    }

    /**
     * Mounts {@code handler} for {@code method} at {@code path} (relative to {@value #BASE}, e.g.
     * {@code "/reset-quota"}; a path that already starts with {@value #BASE} is accepted too) behind the
     * management key check. Path templates such as {@code "/sessions/{id}"} work as in Undertow's
     * {@link RoutingHandler}.
     */
    public ManagementRoutes add(HttpString method, String path, HttpHandler handler) {
        String relative = path.startsWith(BASE + "/") ? path.substring(BASE.length()) : path;
        table.add(method, relative, handler);
        return this;
    }

    /**
     * Lets {@code GET /auth-files} show each file's account status ({@code active}, {@code refreshing}...):
     * {@code status} maps a file name to it, or to {@code null} when no account uses the file.
     */
    public ManagementRoutes authFileStatus(Function<String, String> status) {
        this.authFileStatus = status;
        return this;
    }

    /** The account status of token file {@code name}, or {@code null}. */
    String authFileStatus(String name) {
        return authFileStatus.apply(name);
    }

    /** The handler to mount at {@value #BASE} (as a path prefix). */
    public HttpHandler handler() {
        return chain;
    }
}
