package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.JsonReply;
import dev.cliproxy.host.oauth.AccountFiles;
import io.undertow.util.Methods;
import java.util.List;
import java.util.Map;

/**
 * Edits of token files' own fields: {@code PATCH /auth-files/status} ({@code {"name","disabled"}} →
 * {@code {"status":"ok","disabled":b}}) and {@code PATCH /auth-files/fields} ({@code {"name", <field>: value...}}
 * for {@value #FIELDS_TEXT}; {@code null} removes a field). Each edit holds the file's lock, so a refresh running at
 * the same time loses nothing, and the account's credential changes at once.
 */
public final class AuthFileEdits {

    private static final String FIELDS_TEXT = "prefix, proxy_url, priority, weight, note, excluded_models, headers";
    /** The editable fields and the JSON shape each takes. */
    private static final Map<String, Shape> FIELDS = Map.of("prefix", Shape.TEXT, "proxy_url", Shape.TEXT,
            "note", Shape.TEXT, "priority", Shape.NUMBER, "weight", Shape.NUMBER, "excluded_models", Shape.LIST,
            "headers", Shape.MAP);

    private enum Shape {
        TEXT, NUMBER, LIST, MAP;

        boolean accepts(JsonNode v) {
            return v.isNull() || switch (this) {
                case TEXT -> v.isTextual();
                case NUMBER -> v.isIntegralNumber() || v.isTextual() && v.asText().trim().matches("-?\\d+");
                case LIST -> v.isArray();
                case MAP -> v.isObject();
            };
        }
    }

    private AuthFileEdits() {
    }

    /** Mounts the two endpoints on {@code routes}. */
    public static void register(ManagementRoutes routes, AccountFiles files) {
        routes.add(Methods.PATCH, "/auth-files/status", exchange -> {
            JsonNode body = Requests.json(exchange);
            JsonNode disabled = body.path("disabled");
            if (!disabled.isBoolean()) {
                throw ManagementException.badRequest("disabled must be true or false");
            }
            edit(files, name(body), c -> c.put("disabled", disabled.booleanValue()));
            JsonReply.send(exchange, 200, Json.object().put("status", "ok").put("disabled", disabled.booleanValue()));
        });
        routes.add(Methods.PATCH, "/auth-files/fields", exchange -> {
            JsonNode body = Requests.json(exchange);
            String name = name(body);
            List<Map.Entry<String, JsonNode>> changes = body.properties().stream()
                    .filter(e -> !e.getKey().equals("name")).toList();
            if (changes.isEmpty()) {
                throw ManagementException.badRequest("no fields to update");
            }
            for (Map.Entry<String, JsonNode> e : changes) {
                Shape shape = FIELDS.get(e.getKey());
                if (shape == null) {
                    throw ManagementException.badRequest("unknown field " + e.getKey() + " (editable: "
                            + FIELDS_TEXT + ")");
                }
                if (!shape.accepts(e.getValue())) {
                    throw ManagementException.badRequest("invalid value for " + e.getKey());
                }
            }
            edit(files, name, c -> changes.forEach(e -> {
                if (e.getValue().isNull()) {
                    c.remove(e.getKey());
                } else {
                    c.set(e.getKey(), e.getValue());
                }
            }));
            Replies.ok(exchange);
        });
    }

    private static String name(JsonNode body) {
        return AuthFolder.checkName(body.path("name").asText(null));
    }

    private static void edit(AccountFiles files, String name, AccountFiles.Edit edit) throws java.io.IOException {
        if (!files.edit(name, edit)) {
            throw ManagementException.fileNotFound();
        }
    }
}
