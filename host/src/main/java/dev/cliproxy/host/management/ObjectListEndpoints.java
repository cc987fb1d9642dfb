package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.config.ConfigStore;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lists of objects identified by one field: the provider key lists by {@code api-key}, {@code openai-compatibility}
 * by {@code name}. {@code GET} -> {@code {"<key>": [...]}}; {@code PUT} a raw array or {@code {"items": [...]}};
 * {@code PATCH} {@code {"index": i | "<match>": id, "value": {...}}} merges the value's fields into the entry (a
 * {@code null} field removes it); {@code DELETE ?<field>=id} or {@code ?index=i}. With an {@code api-key} match,
 * {@code ?base-url=} tells entries sharing a key apart.
 */
final class ObjectListEndpoints {

    /**
     * One object list.
     *
     * @param key        the YAML key and route
     * @param idField    the field that identifies an entry (required in every entry)
     * @param matchField the PATCH body field naming the entry to change
     */
    record ObjectList(String key, String idField, String matchField) {
    }

    static final List<ObjectList> LISTS = List.of(
            new ObjectList("claude-api-key", "api-key", "match"),
            new ObjectList("gemini-api-key", "api-key", "match"),
            new ObjectList("codex-api-key", "api-key", "match"),
            new ObjectList("openai-compatibility", "name", "name"));

    private ObjectListEndpoints() {
    }

    static void register(ManagementRoutes routes, ConfigStore store) {
        for (ObjectList list : LISTS) {
            String route = "/" + list.key();
            routes.add(Methods.GET, route, exchange -> Replies.value(exchange, list.key(),
                    StringListEndpoints.list(store.live().config().raw().path(list.key()))));
            routes.add(Methods.PUT, route, exchange -> put(exchange, store, list));
            routes.add(Methods.PATCH, route, exchange -> patch(exchange, store, list));
            routes.add(Methods.DELETE, route, exchange -> delete(exchange, store, list));
        }
    }

    private static void put(HttpServerExchange exchange, ConfigStore store, ObjectList list) throws Exception {
        ArrayNode items = Requests.items(Requests.json(exchange));
        for (JsonNode item : items) {
            requireValid(item, list);
        }
        store.update(doc -> doc.set(items, list.key()));
        Replies.ok(exchange);
    }

    private static void patch(HttpServerExchange exchange, ConfigStore store, ObjectList list) throws Exception {
        JsonNode body = Requests.json(exchange);
        Integer index = Requests.index(body.get("index"));
        JsonNode match = body.get(list.matchField());
        if (match == null && !list.matchField().equals("match")) {
            match = body.get("match");
        }
        if (!(body.get("value") instanceof ObjectNode value)
                || index == null && (match == null || !match.isTextual())) {
            throw ManagementException.invalidBody();
        }
        String id = match == null || !match.isTextual() ? null : match.textValue();
        String baseUrl = Requests.query(exchange, "base-url");
        store.update(doc -> {
            ArrayNode entries = StringListEndpoints.list(doc.get(list.key()));
            int target = index != null && index >= 0 && index < entries.size() ? index
                    : find(entries, list, id, baseUrl);
            ObjectNode entry = entries.get(target) instanceof ObjectNode o ? o.deepCopy() : Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isNull()) {
                    entry.remove(field.getKey());
                } else {
                    entry.set(field.getKey(), field.getValue());
                }
            }
            requireValid(entry, list);
            entries.set(target, entry);
            doc.set(entries, list.key());
        });
        Replies.ok(exchange);
    }

    private static void delete(HttpServerExchange exchange, ConfigStore store, ObjectList list) {
        String id = Requests.query(exchange, list.idField());
        String index = Requests.query(exchange, "index");
        String baseUrl = Requests.query(exchange, "base-url");
        if (id == null && index == null) {
            throw ManagementException.badRequest("missing " + list.idField() + " or index");
        }
        store.update(doc -> {
            ArrayNode entries = StringListEndpoints.list(doc.get(list.key()));
            if (id != null) {
                List<Integer> hits = matches(entries, list, id, baseUrl);
                if (hits.isEmpty()) {
                    throw ManagementException.itemNotFound();
                }
                hits.reversed().forEach(i -> entries.remove((int) i));
            } else {
                int i = Requests.index(index);
                if (i < 0 || i >= entries.size()) {
                    throw ManagementException.itemNotFound();
                }
                entries.remove(i);
            }
            doc.set(entries, list.key());
        });
        Replies.ok(exchange);
    }

    private static int find(ArrayNode entries, ObjectList list, String id, String baseUrl) {
        if (id == null) {
            throw ManagementException.itemNotFound();
        }
        List<Integer> hits = matches(entries, list, id, baseUrl);
        if (hits.isEmpty()) {
            throw ManagementException.itemNotFound();
        }
        if (hits.size() > 1) {
            throw ManagementException.badRequest("multiple items match; index is required");
        }
        return hits.getFirst();
    }

    private static List<Integer> matches(ArrayNode entries, ObjectList list, String id, String baseUrl) {
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            if (e.path(list.idField()).asText("").trim().equals(id.trim())
                    && (baseUrl == null || e.path("base-url").asText("").trim().equals(baseUrl.trim()))) {
                hits.add(i);
            }
        }
        return hits;
    }

    private static void requireValid(JsonNode entry, ObjectList list) {
        JsonNode id = entry.get(list.idField());
        if (!entry.isObject() || id == null || !id.isTextual() || id.textValue().isBlank()) {
            throw ManagementException.invalidBody();
        }
    }
}
