package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.config.ConfigStore;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code ampcode} section, as the Go anchor's Amp integration: {@code GET /ampcode} (the whole section),
 * single settings ({@code upstream-url}, {@code upstream-api-key}, {@code restrict-management-to-localhost},
 * {@code force-model-mappings}) and two keyed lists with {@code {"value": [...]}} bodies: {@code model-mappings}
 * (keyed by {@code from}) and {@code upstream-api-keys} (keyed by {@code upstream-api-key}, each mapping client
 * {@code api-keys} to that upstream key). {@code PATCH} adds or replaces entries by key; {@code DELETE} takes
 * {@code {"value": [keys]}}.
 */
final class AmpcodeEndpoints {

    private static final String SECTION = "ampcode";

    private AmpcodeEndpoints() {
    }

    static void register(ManagementRoutes routes, ConfigStore store) {
        routes.add(Methods.GET, "/ampcode", exchange -> Replies.value(exchange, SECTION, section(store)));
        ScalarEndpoints.register(routes, store,
                ScalarEndpoints.Setting.string("/ampcode/upstream-url", true, SECTION, "upstream-url"));
        ScalarEndpoints.register(routes, store,
                ScalarEndpoints.Setting.string("/ampcode/upstream-api-key", true, SECTION, "upstream-api-key"));
        ScalarEndpoints.register(routes, store, ScalarEndpoints.Setting.bool(
                "/ampcode/restrict-management-to-localhost", false, SECTION, "restrict-management-to-localhost"));
        ScalarEndpoints.register(routes, store,
                ScalarEndpoints.Setting.bool("/ampcode/force-model-mappings", false, SECTION, "force-model-mappings"));
        keyedList(routes, store, "model-mappings", "from");
        keyedList(routes, store, "upstream-api-keys", "upstream-api-key");
    }

    private static ObjectNode section(ConfigStore store) {
        JsonNode raw = store.live().config().raw().path(SECTION);
        ObjectNode out = raw.isObject() ? ((ObjectNode) raw).deepCopy() : Json.object();
        if (!out.path("upstream-url").isTextual()) {
            out.put("upstream-url", "");
        }
        if (!out.path("upstream-api-key").isTextual()) {
            out.put("upstream-api-key", "");
        }
        for (String list : new String[] {"upstream-api-keys", "model-mappings"}) {
            if (!out.path(list).isArray()) {
                out.putArray(list);
            }
        }
        for (String flag : new String[] {"restrict-management-to-localhost", "force-model-mappings"}) {
            if (!out.path(flag).isBoolean()) {
                out.put(flag, false);
            }
        }
        return out;
    }

    private static void keyedList(ManagementRoutes routes, ConfigStore store, String name, String idField) {
        String route = "/ampcode/" + name;
        routes.add(Methods.GET, route, exchange -> Replies.value(exchange, name,
                StringListEndpoints.list(store.live().config().raw().path(SECTION).path(name))));
        routes.add(Methods.PUT, route, exchange -> {
            ArrayNode entries = normalised(values(Requests.json(exchange)), idField);
            store.update(doc -> doc.set(entries, SECTION, name));
            Replies.ok(exchange);
        });
        routes.add(Methods.PATCH, route, exchange -> {
            ArrayNode updates = normalised(values(Requests.json(exchange)), idField);
            store.update(doc -> {
                ArrayNode entries = StringListEndpoints.list(doc.get(SECTION, name));
                for (JsonNode u : updates) {
                    int at = indexOf(entries, idField, u.path(idField).asText());
                    if (at >= 0) {
                        entries.set(at, u);
                    } else {
                        entries.add(u);
                    }
                }
                doc.set(entries, SECTION, name);
            });
            Replies.ok(exchange);
        });
        routes.add(Methods.DELETE, route, exchange -> delete(exchange, store, name, idField));
    }

    private static void delete(HttpServerExchange exchange, ConfigStore store, String name, String idField)
            throws Exception {
        JsonNode body = Requests.optionalJson(exchange);
        if (body == null || !(body.get("value") instanceof ArrayNode ids)) {
            throw ManagementException.badRequest("missing value");
        }
        Set<String> remove = new HashSet<>();
        ids.forEach(id -> remove.add(id.asText("").trim()));
        store.update(doc -> {
            ArrayNode entries = StringListEndpoints.list(doc.get(SECTION, name));
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (ids.isEmpty() || remove.contains(entries.get(i).path(idField).asText("").trim())) {
                    entries.remove(i);
                }
            }
            doc.set(entries, SECTION, name);
        });
        Replies.ok(exchange);
    }

    /** The list of a body: {@code {"value": [...]}}, {@code {"items": [...]}} or a raw array. */
    private static ArrayNode values(JsonNode body) {
        if (body.isObject() && body.get("value") instanceof ArrayNode value) {
            return value;
        }
        return Requests.items(body);
    }

    /** Objects with a non-blank key (trimmed); string lists inside trimmed with blanks dropped. */
    private static ArrayNode normalised(ArrayNode in, String idField) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode item : in) {
            if (!(item instanceof ObjectNode obj)) {
                throw ManagementException.invalidBody();
            }
            String id = obj.path(idField).asText("").trim();
            if (id.isEmpty()) {
                continue;
            }
            ObjectNode copy = obj.deepCopy();
            copy.put(idField, id);
            if (copy.get("api-keys") instanceof ArrayNode keys) {
                ArrayNode clean = copy.putArray("api-keys");
                keys.forEach(k -> {
                    if (k.isTextual() && !k.textValue().isBlank()) {
                        clean.add(k.textValue().trim());
                    }
                });
            }
            out.add(copy);
        }
        return out;
    }

    private static int indexOf(ArrayNode entries, String idField, String id) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).path(idField).asText("").trim().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
