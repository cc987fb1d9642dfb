package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.config.ConfigStore;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.config.YamlDocument;
import dev.cliproxy.host.plugins.PluginCatalog;
import dev.cliproxy.host.plugins.PluginInfo;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /plugins}: every plugin with its id, version, provider ids, state ({@code started}, {@code disabled},
 * {@code failed}, {@code incompatible}), jar and, when it failed, the reason; the class-path providers are one
 * plugin {@value PluginCatalog#BUILTIN} without a jar. {@code PATCH}/{@code PUT /plugins/{id}/enabled} with
 * {@code {"value": true|false}} edits {@code plugins.enabled} in the config file (comments kept) and applies it at
 * once; disabling a plugin while {@code plugins.enabled} is {@code "*"} writes the list of every other plugin.
 */
public final class PluginEndpoints {

    private PluginEndpoints() {
    }

    /** Mounts the endpoints on {@code routes}. */
    public static void register(ManagementRoutes routes, PluginCatalog catalog, ConfigStore store) {
        routes.add(Methods.GET, "/plugins", exchange -> list(exchange, catalog, store));
        routes.add(Methods.PATCH, "/plugins/{id}/enabled", exchange -> setEnabled(exchange, catalog, store));
        routes.add(Methods.PUT, "/plugins/{id}/enabled", exchange -> setEnabled(exchange, catalog, store));
    }

    private static void list(HttpServerExchange exchange, PluginCatalog catalog, ConfigStore store) {
        ArrayNode plugins = Json.MAPPER.createArrayNode();
        for (PluginInfo p : catalog.list(store.live().config().plugins())) {
            ObjectNode o = plugins.addObject();
            o.put("id", p.id());
            o.put("version", p.version());
            p.providers().forEach(o.putArray("providers")::add);
            o.put("state", p.status().wireName());
            if (p.jar() != null) {
                o.put("jar", p.jar());
            }
            if (p.reason() != null) {
                o.put("reason", p.reason());
            }
        }
        Replies.value(exchange, "plugins", plugins);
    }

    private static void setEnabled(HttpServerExchange exchange, PluginCatalog catalog, ConfigStore store)
            throws Exception {
        String id = Requests.query(exchange, "id");
        JsonNode value = Requests.json(exchange).get("value");
        if (value == null || !value.isBoolean()) {
            throw ManagementException.invalidBody();
        }
        if (id == null || !catalog.ids().contains(id)) {
            throw new ManagementException(404, "plugin not found");
        }
        store.update(doc -> {
            JsonNode next = enabledList(doc, catalog.ids(), id, value.booleanValue());
            if (next != null) {
                doc.set(next, "plugins", "enabled");
            }
        });
        Replies.ok(exchange);
    }

    /** {@code plugins.enabled} after turning {@code id} on or off, or {@code null} when it stays as it is. */
    private static JsonNode enabledList(YamlDocument doc, List<String> known, String id, boolean on) {
        JsonNode current = doc.get("plugins", "enabled");
        Set<String> ids = new LinkedHashSet<>();
        if (current.isArray()) {
            current.forEach(item -> ids.add(item.asText().trim()));
        }
        boolean all = !current.isArray() || ids.contains(ProxyConfig.Plugins.ALL);
        if (all && on) {
            return null;
        }
        if (all) {
            ids.clear();
            ids.addAll(known);
        }
        if (on) {
            ids.add(id);
        } else {
            ids.remove(id);
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        ids.forEach(list::add);
        return list;
    }
}
