package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Converts Gemini's OpenAPI-style {@code Schema} (used by {@code parameters} and {@code responseSchema}: upper-case
 * types such as {@code STRING}, {@code nullable: true}) into standard JSON Schema, which is what the canonical model
 * carries and the other formats accept.
 */
final class GeminiOpenApiSchema {

    private static final int MAX_DEPTH = 128;

    private GeminiOpenApiSchema() {
    }

    static JsonNode toJsonSchema(JsonNode schema) {
        return convert(schema, 0);
    }

    private static JsonNode convert(JsonNode node, int depth) {
        if (node == null || !node.isObject() || depth > MAX_DEPTH) {
            return node == null ? null : node.deepCopy();
        }
        ObjectNode out = Json.object();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "type" -> {
                    if (value.isTextual() && !"TYPE_UNSPECIFIED".equals(value.textValue())) {
                        out.put("type", value.textValue().toLowerCase(Locale.ROOT));
                    }
                }
                case "nullable" -> {
                    // applied below, once the type is known
                }
                case "format" -> {
                    if (!(value.isTextual() && "enum".equals(value.textValue()))) {
                        out.set(key, value.deepCopy());
                    }
                }
                case "properties" -> out.set(key, convertMap(value, depth));
                case "items" -> out.set(key, convert(value, depth + 1));
                case "anyOf" -> out.set(key, convertList(value, depth));
                default -> out.set(key, value.deepCopy());
            }
        }
        JsonNode nullable = node.get("nullable");
        if (nullable != null && nullable.asBoolean(false) && out.get("type") != null) {
            ArrayNode types = Json.MAPPER.createArrayNode().add(out.get("type").textValue()).add("null");
            out.set("type", types);
        }
        return out;
    }

    private static JsonNode convertMap(JsonNode map, int depth) {
        if (!map.isObject()) {
            return map.deepCopy();
        }
        ObjectNode out = Json.object();
        map.fields().forEachRemaining(e -> out.set(e.getKey(), convert(e.getValue(), depth + 1)));
        return out;
    }

    private static JsonNode convertList(JsonNode list, int depth) {
        if (!list.isArray()) {
            return list.deepCopy();
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        list.forEach(v -> out.add(convert(v, depth + 1)));
        return out;
    }
}
