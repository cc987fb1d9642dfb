package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code type} keyword for Gemini: lower-case names; {@code ["string","null"]} stays (Gemini's JSON schema
 * spells nullability that way); a union of several non-null types becomes {@code anyOf}; the OpenAPI
 * {@code nullable: true} becomes a {@code "null"} type member; a missing type is inferred from
 * {@code properties} (object) or {@code items} (array).
 */
final class GeminiSchemaTypes {

    private GeminiSchemaTypes() {
    }

    static void apply(ObjectNode out, JsonNode type, boolean nullable) {
        List<String> types = names(type);
        if (types.isEmpty()) {
            if (out.has("properties")) {
                types.add("object");
            } else if (out.has("items") || out.has("prefixItems")) {
                types.add("array");
            }
        }
        if (nullable && !types.isEmpty() && !types.contains("null")) {
            types.add("null");
        }
        boolean hasNull = types.remove("null");
        if (types.isEmpty()) {
            if (hasNull) {
                out.put("type", "null");
            } else {
                out.remove("type");
            }
        } else if (types.size() == 1) {
            if (hasNull) {
                out.putArray("type").add(types.get(0)).add("null");
            } else {
                out.put("type", types.get(0));
            }
        } else if (out.has("anyOf")) {
            out.put("type", types.get(0));
        } else {
            out.remove("type");
            ArrayNode anyOf = out.putArray("anyOf");
            types.forEach(t -> anyOf.addObject().put("type", t));
            if (hasNull) {
                anyOf.addObject().put("type", "null");
            }
        }
    }

    private static List<String> names(JsonNode type) {
        List<String> out = new ArrayList<>(2);
        if (type == null) {
            return out;
        }
        if (type.isTextual()) {
            add(out, type.textValue());
        } else if (type.isArray()) {
            type.forEach(t -> {
                if (t.isTextual()) {
                    add(out, t.textValue());
                }
            });
        }
        return out;
    }

    private static void add(List<String> out, String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (!lower.isEmpty() && !"type_unspecified".equals(lower) && !out.contains(lower)) {
            out.add(lower);
        }
    }

    /** Whether a (cleaned) type is, or includes, {@code name}. */
    static boolean is(JsonNode type, String name) {
        if (type == null) {
            return false;
        }
        if (type.isTextual()) {
            return name.equals(type.textValue());
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (name.equals(t.asText())) {
                    return true;
                }
            }
        }
        return false;
    }
}
