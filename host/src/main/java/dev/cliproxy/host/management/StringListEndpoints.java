package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.config.ConfigStore;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;

/**
 * Lists of strings ({@code api-keys}, {@code generative-language-api-key}): {@code GET} -> {@code {"<key>": [...]}};
 * {@code PUT} a raw array or {@code {"items": [...]}}; {@code PATCH} {@code {"index": i, "value": v}} or
 * {@code {"old": a, "new": b}} (as the Go anchor, {@code new} is appended when {@code old} is not in the list);
 * {@code DELETE ?index=i} or {@code ?value=v} (every equal entry).
 */
final class StringListEndpoints {

    static final String[] KEYS = {"api-keys", "generative-language-api-key"};

    private StringListEndpoints() {
    }

    static void register(ManagementRoutes routes, ConfigStore store) {
        for (String key : KEYS) {
            String route = "/" + key;
            routes.add(Methods.GET, route, exchange -> Replies.value(exchange, key,
                    list(store.live().config().raw().path(key))));
            routes.add(Methods.PUT, route, exchange -> put(exchange, store, key));
            routes.add(Methods.PATCH, route, exchange -> patch(exchange, store, key));
            routes.add(Methods.DELETE, route, exchange -> delete(exchange, store, key));
        }
    }

    private static void put(HttpServerExchange exchange, ConfigStore store, String key) throws Exception {
        JsonNode items = Requests.items(Requests.json(exchange));
        for (JsonNode item : items) {
            if (!item.isTextual()) {
                throw ManagementException.invalidBody();
            }
        }
        store.update(doc -> doc.set(items, key));
        Replies.ok(exchange);
    }

    private static void patch(HttpServerExchange exchange, ConfigStore store, String key) throws Exception {
        JsonNode body = Requests.json(exchange);
        Integer index = Requests.index(body.get("index"));
        JsonNode value = body.get("value");
        JsonNode old = body.get("old");
        JsonNode replacement = body.get("new");
        if (index != null && value != null && value.isTextual()) {
            store.update(doc -> {
                ArrayNode list = list(doc.get(key));
                if (index < 0 || index >= list.size()) {
                    throw ManagementException.itemNotFound();
                }
                list.set(index, value);
                doc.set(list, key);
            });
        } else if (old != null && old.isTextual() && replacement != null && replacement.isTextual()) {
            store.update(doc -> {
                ArrayNode list = list(doc.get(key));
                int at = indexOf(list, old.textValue());
                if (at >= 0) {
                    list.set(at, replacement);
                } else {
                    list.add(replacement);
                }
                doc.set(list, key);
            });
        } else {
            throw ManagementException.invalidBody();
        }
        Replies.ok(exchange);
    }

    private static void delete(HttpServerExchange exchange, ConfigStore store, String key) {
        String index = Requests.query(exchange, "index");
        String value = Requests.query(exchange, "value");
        if (index == null && value == null) {
            throw ManagementException.badRequest("missing index or value");
        }
        store.update(doc -> {
            ArrayNode list = list(doc.get(key));
            if (index != null) {
                int i = Requests.index(index);
                if (i < 0 || i >= list.size()) {
                    throw ManagementException.itemNotFound();
                }
                list.remove(i);
            } else if (!removeAll(list, value)) {
                throw ManagementException.itemNotFound();
            }
            doc.set(list, key);
        });
        Replies.ok(exchange);
    }

    /** A copy of {@code node} when it is a list, else an empty list. */
    static ArrayNode list(JsonNode node) {
        return node.isArray() ? ((ArrayNode) node).deepCopy() : Json.MAPPER.createArrayNode();
    }

    private static int indexOf(ArrayNode list, String value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).isTextual() && list.get(i).textValue().equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean removeAll(ArrayNode list, String value) {
        boolean removed = false;
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).equals(TextNode.valueOf(value))) {
                list.remove(i);
                removed = true;
            }
        }
        return removed;
    }
}
