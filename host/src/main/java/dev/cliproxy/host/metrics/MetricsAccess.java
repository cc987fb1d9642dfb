package dev.cliproxy.host.metrics;

import dev.cliproxy.host.auth.ClientKeys;
import dev.cliproxy.host.auth.PresentedKey;
import dev.cliproxy.host.http.ClientAddress;
import dev.cliproxy.host.http.JsonReply;
import dev.cliproxy.host.state.LiveState;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Guards {@code /metrics} by the live {@code metrics.auth} rule (see {@link MetricsSettings.Auth}). A client key is
 * checked as the model API checks it (same headers, constant-time compare); with no {@code api-keys} configured only
 * loopback callers pass. The management key comes from {@code Authorization: Bearer} or {@code X-Management-Key}.
 * Runs on a worker thread. Refusals are 401 (missing or wrong key) or 403 (no key could ever pass), with a JSON body that says why.
 */
public final class MetricsAccess implements HttpHandler {

    private final LiveState live;
    private final ManagementKeyCheck managementKey;
    private final HttpHandler next;

    public MetricsAccess(LiveState live, ManagementKeyCheck managementKey, HttpHandler next) {
        this.live = live;
        this.managementKey = managementKey;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);   // a bcrypt check or a large scrape must not hold an I/O thread
            return;
        }
        MetricsSettings.Auth auth = MetricsSettings.of(live.config()).auth();
        boolean loopback = ClientAddress.isLoopback(exchange);
        String refusal = switch (auth) {
            case OFF -> null;
            case LOOPBACK_OR_API_KEY -> loopback ? null : clientKeyRefusal(exchange, false);
            case API_KEY -> clientKeyRefusal(exchange, loopback);
            case MANAGEMENT_KEY -> managementKeyRefusal(exchange);
        };
        if (refusal == null) {
            next.handleRequest(exchange);
            return;
        }
        int status = refusal.startsWith("403 ") ? 403 : 401;
        JsonReply.send(exchange, status, ("{\"error\":\"" + refusal.substring(4) + "\"}")
                .getBytes(StandardCharsets.UTF_8), status == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of());
    }

    private String clientKeyRefusal(HttpServerExchange exchange, boolean loopback) {
        ClientKeys keys = live.current().clientKeys();
        if (keys.isEmpty()) {
            return loopback ? null : "403 no api-keys are configured, so metrics are served to this machine only";
        }
        String presented = PresentedKey.of(exchange);
        if (presented == null) {
            return "401 missing API key";
        }
        return keys.matches(presented) ? null : "401 invalid API key";
    }

    private String managementKeyRefusal(HttpServerExchange exchange) {
        if (!live.config().remoteManagement().enabled()) {
            return "403 metrics.auth is management-key but remote-management.secret-key is not set";
        }
        String presented = exchange.getRequestHeaders().getFirst("X-Management-Key");
        if (presented == null) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                String v = auth.trim();
                presented = v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).trim() : v;
            }
        }
        if (presented == null || presented.isEmpty()) {
            return "401 missing management key";
        }
        return managementKey.matches(presented) ? null : "401 invalid management key";
    }
}
