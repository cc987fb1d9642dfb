package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.JsonReply;
import dev.cliproxy.host.routing.CooldownTracker;
import dev.cliproxy.host.routing.RememberedFailure;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /v0/management/credentials}: every credential's routing state, for operators. Per credential: id (also
 * as {@code auth_index}, the anchor's name), provider, label, masked key, priority, weight, {@code status}
 * ({@code active} or {@code cooling}), the active cooldowns per upstream model ({@code *} = the whole credential)
 * with their end, reason and upstream error, and the last upstream error. Never shows a secret or a proxy URL.
 * Cheap and non-blocking: safe on an I/O thread. Mounting and management authentication are the caller's.
 */
public final class CredentialStatesHandler implements HttpHandler {

    private final Supplier<List<Credential>> credentials;
    private final CooldownTracker cooldowns;
    private final Function<Credential, String> refreshErrors;

    /**
     * @param credentials the live credentials (e.g. {@code () -> live.current().allCredentials()})
     * @param cooldowns   the shared cooldown state
     */
    public CredentialStatesHandler(Supplier<List<Credential>> credentials, CooldownTracker cooldowns) {
        this(credentials, cooldowns, c -> "");
    }

    /**
     * @param refreshErrors the last failed token refresh of an OAuth credential ({@code ""} for none), shown as
     *                      {@code refresh_error}
     */
    public CredentialStatesHandler(Supplier<List<Credential>> credentials, CooldownTracker cooldowns,
                                   Function<Credential, String> refreshErrors) {
        this.credentials = credentials;
        this.cooldowns = cooldowns;
        this.refreshErrors = refreshErrors;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Instant now = cooldowns.clock().instant();
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode list = root.putArray("credentials");
        for (Credential c : credentials.get()) {
            list.add(describe(c, now));
        }
        JsonReply.send(exchange, 200, root);
    }

    private ObjectNode describe(Credential c, Instant now) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", c.id());
        o.put("auth_index", c.id());
        o.put("provider", c.provider());
        o.put("label", c.label());
        o.put("key", c.maskedSecret());
        o.put("priority", c.priority());
        o.put("weight", c.weight());
        String refreshError = refreshErrors.apply(c);
        if (!refreshError.isEmpty()) {
            o.put("refresh_error", refreshError);
        }
        ArrayNode cooling = Json.MAPPER.createArrayNode();
        Instant until = null;
        for (Map.Entry<String, CooldownTracker.Cooldown> e : cooldowns.cooldowns(c.id()).entrySet()) {
            CooldownTracker.Cooldown cd = e.getValue();
            if (!cd.until().isAfter(now)) {
                continue;
            }
            until = until == null || cd.until().isAfter(until) ? cd.until() : until;
            ObjectNode m = cooling.addObject();
            m.put("model", e.getKey());
            m.put("until", cd.until().toString());
            m.put("seconds-left", Math.max(1, Duration.between(now, cd.until()).toSeconds()));
            m.put("reason", cd.reason().name().toLowerCase(Locale.ROOT));
            m.put("level", cd.level());
            m.put("error", cd.failure().describe());
        }
        o.put("status", until == null ? "active" : "cooling");
        if (until != null) {
            o.put("cooling-until", until.toString());
        }
        o.set("cooldowns", cooling);
        RememberedFailure last = cooldowns.lastFailure(c.id());
        if (last != null) {
            ObjectNode f = o.putObject("last-error");
            f.put("status", last.status());
            f.put("kind", last.kind().name().toLowerCase(Locale.ROOT));
            f.put("message", last.message());
            f.put("at", last.at().toString());
        }
        return o;
    }
}
