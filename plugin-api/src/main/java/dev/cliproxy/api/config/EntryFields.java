package dev.cliproxy.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.ModelAlias;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lenient readers of the fields that provider config entries share ({@code models}, {@code excluded-models},
 * {@code headers}, plain strings): wrong types and blanks are skipped, values are trimmed, nothing throws.
 */
public final class EntryFields {

    private EntryFields() {
    }

    /** {@code models}: a list of {@code {name, alias}} objects or plain names. */
    public static List<ModelAlias> models(JsonNode node) {
        List<ModelAlias> out = new ArrayList<>();
        for (JsonNode m : node) {
            String name = m.isTextual() ? m.asText().trim() : text(m, "name");
            if (!name.isEmpty()) {
                out.add(new ModelAlias(name, m.isTextual() ? "" : text(m, "alias")));
            }
        }
        return out;
    }

    /** A list of strings, e.g. {@code excluded-models}. */
    public static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : node) {
            if (v.isTextual() && !v.asText().isBlank()) {
                out.add(v.asText().trim());
            }
        }
        return out;
    }

    /** {@code headers}: a map of header names to scalar values, in the file's order. */
    public static Map<String, String> headers(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(h -> {
            if (h.getValue().isValueNode() && !h.getValue().isNull() && !h.getKey().isBlank()) {
                out.put(h.getKey().trim(), h.getValue().asText().trim());
            }
        });
        return out;
    }

    /** The trimmed scalar at {@code field}, or {@code ""} when absent, null or not a scalar. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText().trim() : "";
    }
}
