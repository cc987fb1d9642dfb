package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.config.ConfigException;
import dev.cliproxy.host.config.ConfigSaveException;
import dev.cliproxy.host.config.ConfigStore;
import dev.cliproxy.host.config.YamlTree;
import dev.cliproxy.host.http.JsonReply;
import dev.cliproxy.host.http.RequestBodies;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /config} (the live config as JSON, see {@link ConfigView}), {@code GET /config.yaml} (the file as
 * it is) and {@code PUT /config.yaml} (a whole new file, validated before it replaces anything; the management
 * key and {@code allow-remote} are kept as they are). {@code PUT} answers like the anchor: 200
 * {@code {"ok":true,"changed":["config"]}}; 400 {@code {"error":"invalid_yaml","message":...}} for text that is
 * not a YAML mapping; 422 {@code {"error":"invalid_config","message":...}} for YAML that is not a valid config;
 * 500 {@code {"error":"write_failed","message":...}} when the file cannot be written.
 */
final class ConfigFileEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileEndpoints.class);

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
            refuse(exchange, 400, "invalid_yaml", "the body is empty; send the whole config file");
            return;
        }
        try {
            YamlTree.parse(text, store.file().map(f -> f.getFileName().toString()).orElse("config.yaml"));
        } catch (ConfigException e) {
            refuse(exchange, 400, "invalid_yaml", e.getMessage());
            return;
        }
        try {
            store.replace(text);
        } catch (ConfigException e) {
            refuse(exchange, 422, "invalid_config", e.getMessage());
            return;
        } catch (ConfigSaveException e) {
            LOG.error("PUT /config.yaml: the config file cannot be written: {}", e.getMessage());
            refuse(exchange, 500, "write_failed", e.getMessage());
            return;
        }
        ObjectNode body = Json.object();
        body.put("ok", true);
        body.putArray("changed").add("config");
        JsonReply.send(exchange, 200, body);
    }

    /** {@code status} with the anchor's config-file error shape {@code {"error": code, "message": ...}}. */
    private static void refuse(HttpServerExchange exchange, int status, String code, String message) {
        ObjectNode body = Json.object();
        body.put("error", code);
        body.put("message", message);
        JsonReply.send(exchange, status, body);
    }
}
