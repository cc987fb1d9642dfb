package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.JsonReply;
import io.undertow.server.HttpServerExchange;

/**
 * The management API's answers: {@code {"status":"ok"}}, {@code {"<name>": value}} and {@code {"error": "..."}}.
 * Handlers mounted with {@link ManagementRoutes#add} use them to answer like the built-in endpoints.
 */
public final class Replies {

    private Replies() {
    }

    /** 200 {@code {"status":"ok"}}. */
    public static void ok(HttpServerExchange exchange) {
        ObjectNode body = Json.object();
        body.put("status", "ok");
        JsonReply.send(exchange, 200, body);
    }

    /** 200 {@code {"<name>": value}}. */
    public static void value(HttpServerExchange exchange, String name, JsonNode value) {
        ObjectNode body = Json.object();
        body.set(name, value);
        JsonReply.send(exchange, 200, body);
    }

    /** {@code status} with {@code {"error": message}}. */
    public static void error(HttpServerExchange exchange, int status, String message) {
        ObjectNode body = Json.object();
        body.put("error", message);
        JsonReply.send(exchange, status, body);
    }
}
