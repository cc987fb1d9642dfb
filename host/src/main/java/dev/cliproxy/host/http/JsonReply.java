package dev.cliproxy.host.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.Map;

/** Sends a whole JSON answer from any thread (I/O or blocking). */
public final class JsonReply {

    private JsonReply() {
    }

    /** Sends {@code body} with {@code status}. */
    public static void send(HttpServerExchange exchange, int status, byte[] body) {
        send(exchange, status, body, Map.of());
    }

    /** Sends {@code body} with {@code status} and extra headers. */
    public static void send(HttpServerExchange exchange, int status, byte[] body, Map<String, String> headers) {
        exchange.setStatusCode(status);
        headers.forEach((k, v) -> exchange.getResponseHeaders().put(new io.undertow.util.HttpString(k), v));
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /** Sends a JSON tree with {@code status}. */
    public static void send(HttpServerExchange exchange, int status, JsonNode body) {
        send(exchange, status, Json.write(body));
    }
}
