package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the keywords of one schema node leave to do once all of them are seen: the type (with OpenAPI
 * {@code nullable} and {@code const}), {@code allOf} merging, {@code required} filtered to existing properties
 * (plus draft-3 {@code "required": true} flags promoted from the properties), description hints for constraints
 * Gemini does not take, and the empty {@code properties} / string {@code items} Gemini wants.
 */
final class GeminiSchemaNode {

    private static final int MAX_HINT_VALUE = 100;

    private JsonNode type;
    private boolean nullable;
    private JsonNode constant;
    private JsonNode allOf;
    private final Set<String> requiredNames = new LinkedHashSet<>();
    private final List<String> hints = new ArrayList<>();

    /** Records a keyword handled when the node is finished. */
    void keyword(String key, JsonNode v) {
        switch (key) {
            case "type" -> type = v;
            case "nullable" -> nullable = v.asBoolean(false);
            case "const" -> constant = v;
            case "allOf" -> allOf = v;
            case "required" -> required(v);
            default -> throw new IllegalArgumentException(key);
        }
    }

    /** A property flagged {@code "required": true} (draft 3, seen in MCP tools). */
    void requiredProperty(String name) {
        requiredNames.add(name);
    }

    void hint(String key, JsonNode v) {
        String text = v.isTextual() ? v.textValue() : v.toString();
        hints.add(key + ": " + (text.length() > MAX_HINT_VALUE ? text.substring(0, MAX_HINT_VALUE) + "..." : text));
    }

    private void required(JsonNode v) {
        if (v.isArray()) {
            v.forEach(n -> {
                if (n.isTextual()) {
                    requiredNames.add(n.textValue());
                }
            });
        }
    }

    void finish(GeminiSchemaCleaner cleaner, ObjectNode out, int depth) {
        if (allOf != null && allOf.isArray()) {
            allOf.forEach(sub -> mergeAllOf(cleaner.node(sub, depth + 1), out));
        }
        if (constant != null && !out.has("enum")) {
            if (constant.isTextual() || constant.isNumber()) {
                out.putArray("enum").add(constant.deepCopy());
            } else if (constant.isBoolean() && type == null) {
                type = Json.MAPPER.getNodeFactory().textNode("boolean");
            }
        }
        GeminiSchemaTypes.apply(out, type, nullable);
        finishRequired(out);
        if (!hints.isEmpty()) {
            JsonNode d = out.get("description");
            String joined = String.join(", ", hints);
            out.put("description", d != null && d.isTextual() && !d.textValue().isEmpty()
                    ? d.textValue() + " (" + joined + ")" : joined);
        }
        if (GeminiSchemaTypes.is(out.get("type"), "object") && !out.has("properties")) {
            out.putObject("properties");
        }
        if (GeminiSchemaTypes.is(out.get("type"), "array") && !out.has("items") && !out.has("prefixItems")) {
            out.putObject("items").put("type", "string");
        }
    }

    private void finishRequired(ObjectNode out) {
        JsonNode props = out.get("properties");
        List<String> kept = new ArrayList<>();
        for (String name : requiredNames) {
            if (props != null && props.has(name)) {
                kept.add(name);
            }
        }
        if (kept.isEmpty()) {
            out.remove("required");
        } else {
            ArrayNode req = out.putArray("required");
            kept.forEach(req::add);
        }
    }

    private void mergeAllOf(ObjectNode sub, ObjectNode out) {
        sub.fields().forEachRemaining(e -> {
            String key = e.getKey();
            switch (key) {
                case "properties" -> {
                    ObjectNode props = out.has("properties") ? (ObjectNode) out.get("properties")
                            : out.putObject("properties");
                    e.getValue().fields().forEachRemaining(p -> {
                        if (!props.has(p.getKey())) {
                            props.set(p.getKey(), p.getValue());
                        }
                    });
                }
                case "required" -> required(e.getValue());
                case "type" -> {
                    if (type == null) {
                        type = e.getValue();
                    }
                }
                default -> {
                    if (!out.has(key)) {
                        out.set(key, e.getValue());
                    }
                }
            }
        });
    }
}
