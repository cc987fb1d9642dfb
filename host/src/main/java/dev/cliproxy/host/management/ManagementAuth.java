package dev.cliproxy.host.management;

import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.http.Caller;
import dev.cliproxy.host.state.LiveState;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.Optional;

/**
 * The management key check, for every caller (loopback included). In order: no key configured and no start-up
 * password ({@link ManagementPasswords}) -> 404 (the API does not exist); a caller that is not this machine
 * ({@link Caller}) while {@code allow-remote} is false and no {@code MANAGEMENT_PASSWORD} is set -> 403;
 * an address locked out after repeated wrong keys -> 403; no key presented -> 401 {@code missing management key};
 * a key that is neither a start-up password nor the configured key -> 401 {@code invalid management key} (counted
 * towards a lockout). The key comes from {@code X-Management-Key} or {@code Authorization: Bearer <key>} (a value
 * without a scheme is taken whole).
 */
final class ManagementAuth implements HttpHandler {

    private final LiveState live;
    private final KeyVerifier verifier;
    private final ManagementPasswords passwords;
    private final Lockout lockout;
    private final HttpHandler next;

    ManagementAuth(LiveState live, KeyVerifier verifier, ManagementPasswords passwords, Lockout lockout,
                   HttpHandler next) {
        this.live = live;
        this.verifier = verifier;
        this.passwords = passwords;
        this.lockout = lockout;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        ProxyConfig.RemoteManagement rm = live.config().remoteManagement();
        if (!rm.enabled() && !passwords.any()) {
            Replies.error(exchange, 404, "not found");
            return;
        }
        boolean local = Caller.isLocal(exchange);
        if (!rm.allowRemote() && !passwords.allowsRemote() && !local) {
            Replies.error(exchange, 403, "remote management disabled");
            return;
        }
        String address = Caller.address(exchange);
        Optional<Duration> banned = lockout.remaining(address);
        if (banned.isPresent()) {
            Replies.error(exchange, 403, "IP banned due to too many failed attempts. Try again in "
                    + Lockout.format(banned.get()));
            return;
        }
        String key = presentedKey(exchange);
        if (key == null) {
            Replies.error(exchange, 401, "missing management key");
            return;
        }
        if (!passwords.matches(key, local) && !verifier.matches(key, rm.secretKey())) {
            lockout.failed(address);
            Replies.error(exchange, 401, "invalid management key");
            return;
        }
        lockout.succeeded(address);
        next.handleRequest(exchange);
    }

    /** The presented key, or {@code null}. */
    static String presentedKey(HttpServerExchange exchange) {
        String explicit = exchange.getRequestHeaders().getFirst("X-Management-Key");
        if (explicit != null && !explicit.isBlank()) {
            return explicit.trim();
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || auth.isBlank()) {
            return null;
        }
        String v = auth.trim();
        int space = v.indexOf(' ');
        if (space > 0 && v.substring(0, space).equalsIgnoreCase("Bearer")) {
            String key = v.substring(space + 1).trim();
            return key.isEmpty() ? null : key;
        }
        return v;
    }
}
