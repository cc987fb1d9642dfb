package dev.cliproxy.host.management;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.RequestBodies;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Deque;

/** Reading management requests: JSON bodies and query parameters. */
final class Requests {

    private Requests() {
    }

    /** The body as JSON; 400 {@code invalid body} when it is empty or not JSON. */
    static JsonNode json(HttpServerExchange exchange) throws IOException {
        byte[] body = RequestBodies.read(exchange);
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ManagementException.invalidBody();
            }
            return node;
        } catch (JacksonException e) {
            throw ManagementException.invalidBody();
        }
    }

    /** The body as JSON, or {@code null} when there is none. */
    static JsonNode optionalJson(HttpServerExchange exchange) throws IOException {
        byte[] body = RequestBodies.read(exchange);
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ManagementException.invalidBody();
        }
    }

    /**
     * The list of a {@code PUT}: the body itself when it is an array, or its {@code items} array; 400
     * {@code invalid body} otherwise.
     */
    static ArrayNode items(JsonNode body) {
        if (body.isArray()) {
            return (ArrayNode) body;
        }
        if (body.isObject() && body.get("items") instanceof ArrayNode items) {
            return items;
        }
        throw ManagementException.invalidBody();
    }

    /** The first value of query parameter {@code name}, or {@code null} when absent or empty. */
    static String query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty() || values.getFirst().isEmpty()) {
            return null;
        }
        return values.getFirst();
    }

    /** {@code text} as a list index; 400 {@code invalid index} when it is not a whole number. */
    static int index(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ManagementException.badRequest("invalid index");
        }
    }

    /** {@code node} as a list index, or {@code null} when it is absent; 400 when it is not a whole number. */
    static Integer index(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ManagementException.invalidBody();
        }
        return node.intValue();
    }
}
