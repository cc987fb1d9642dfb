package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.JsonReply;
import dev.cliproxy.host.routing.CooldownTracker;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code POST /v0/management/reset-quota}: clears cooldowns so benched credentials are used again at once. Body
 * {@code {"credential-id": "<id>"}} (the anchor's {@code auth_index} / {@code authIndex} are accepted too) answers
 * {@code {"status":"ok","auth_index":"<id>","models":[...]}} listing the models that were cooling, or 404
 * {@code {"error":"auth not found"}}; {@code {"all": true}} clears every credential and answers
 * {@code {"status":"ok","cleared":<n>}}. Anything else is 400 {@code {"error":"invalid body"}}. Reads the body
 * without blocking: safe on an I/O thread. Mounting and management authentication are the caller's.
 */
public final class ResetQuotaHandler implements HttpHandler {

    private static final List<String> ID_FIELDS = List.of("credential-id", "credential_id", "auth_index",
            "authIndex", "AuthIndex", "id");

    private final Supplier<List<Credential>> credentials;
    private final CooldownTracker cooldowns;

    /**
     * @param credentials the live credentials (e.g. {@code () -> live.current().allCredentials()})
     * @param cooldowns   the shared cooldown state
     */
    public ResetQuotaHandler(Supplier<List<Credential>> credentials, CooldownTracker cooldowns) {
        this.credentials = credentials;
        this.cooldowns = cooldowns;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> reset(ex, body),
                (ex, error) -> error(ex, 400, "invalid body"));
    }

    private void reset(HttpServerExchange exchange, byte[] body) {
        JsonNode json;
        try {
            json = body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            error(exchange, 400, "invalid body");
            return;
        }
        ObjectNode answer = Json.MAPPER.createObjectNode().put("status", "ok");
        if (json.path("all").asBoolean(false)) {
            JsonReply.send(exchange, 200, answer.put("cleared", cooldowns.clearAll()));
            return;
        }
        String id = id(json);
        if (id == null) {
            error(exchange, 400, "invalid body");
            return;
        }
        if (credentials.get().stream().noneMatch(c -> c.id().equals(id))) {
            error(exchange, 404, "auth not found");
            return;
        }
        answer.put("auth_index", id);
        new TreeSet<>(cooldowns.clear(id)).forEach(answer.putArray("models")::add);
        JsonReply.send(exchange, 200, answer);
    }

    private static String id(JsonNode json) {
        for (String field : ID_FIELDS) {
            JsonNode v = json.get(field);
            if (v != null && v.isTextual() && !v.asText().isBlank()) {
                return v.asText().trim();
            }
        }
        return null;
    }

    private static void error(HttpServerExchange exchange, int status, String message) {
        JsonReply.send(exchange, status, Json.MAPPER.createObjectNode().put("error", message));
    }
}
