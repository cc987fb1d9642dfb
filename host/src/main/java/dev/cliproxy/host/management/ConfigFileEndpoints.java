package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.config.ConfigException;
import dev.cliproxy.host.config.ConfigStore;
import dev.cliproxy.host.http.JsonReply;
import dev.cliproxy.host.http.RequestBodies;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

/**
 * {@code GET /config} (the live config as JSON, see {@link ConfigView}), {@code GET /config.yaml} (the file as
 * it is) and {@code PUT /config.yaml} (a whole new file, validated before it replaces anything; the management
 * key and {@code allow-remote} are kept as they are).
 */
final class ConfigFileEndpoints {

    private ConfigFileEndpoints() {
    }

    static void register(ManagementRoutes routes, ConfigStore store) {
        routes.add(Methods.GET, "/config", exchange -> JsonReply.send(exchange, 200,
                ConfigView.of(store.live().config())));
        routes.add(Methods.GET, "/config.yaml", exchange -> download(exchange, store));
        routes.add(Methods.PUT, "/config.yaml", exchange -> upload(exchange, store));
    }

    private static void download(HttpServerExchange exchange, ConfigStore store) throws IOException {
        byte[] body;
        try {
            body = store.text().getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ManagementException.fileNotFound();
        }
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/yaml; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static void upload(HttpServerExchange exchange, ConfigStore store) throws IOException {
        String text = new String(RequestBodies.read(exchange), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw ManagementException.invalidBody();
        }
        try {
            store.replace(text);
        } catch (ConfigException e) {
            ObjectNode body = Json.object();
            body.put("error", "invalid body");
            body.put("message", e.getMessage());
            JsonReply.send(exchange, 400, body);
            return;
        }
        Replies.ok(exchange);
    }
}
