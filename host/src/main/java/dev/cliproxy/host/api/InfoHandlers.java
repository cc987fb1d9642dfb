package dev.cliproxy.host.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.JsonReply;
import io.undertow.server.HttpHandler;
import io.undertow.util.Methods;

/** The unauthenticated informational routes: {@code GET /} and {@code GET|HEAD /healthz}. */
public final class InfoHandlers {

    private InfoHandlers() {
    }

    /** {@code GET /}: what this server is and its main endpoints. */
    public static HttpHandler root() {
        ObjectNode body = Json.object().put("message", "CLI Proxy API Server");
        body.putArray("endpoints")
                .add("GET /v1/models")
                .add("POST /v1/chat/completions")
                .add("POST /v1/responses")
                .add("POST /v1/messages")
                .add("POST /v1/messages/count_tokens")
                .add("GET /v1beta/models")
                .add("POST /v1beta/models/{model}:generateContent")
                .add("POST /v1beta/models/{model}:streamGenerateContent")
                .add("POST /v1beta/models/{model}:countTokens")
                .add("GET /healthz");
        byte[] bytes = Json.write(body);
        return exchange -> JsonReply.send(exchange, 200, bytes);
    }

    /** {@code GET|HEAD /healthz}: {@code {"status":"ok"}}. */
    public static HttpHandler health() {
        byte[] ok = "{\"status\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return exchange -> {
            if (exchange.getRequestMethod().equals(Methods.HEAD)) {
                exchange.setStatusCode(200);
                exchange.endExchange();
                return;
            }
            JsonReply.send(exchange, 200, ok);
        };
    }
}
