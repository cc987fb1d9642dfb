package dev.cliproxy.plugin.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ModelAlias;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code openai-compatibility} entries: {@code name}, {@code base-url}, {@code api-key-entries} (each
 * {@code api-key}, optional {@code proxy-url}, {@code weight}), the older {@code api-keys} list, {@code models}
 * ({@code name} upstream, {@code alias} for clients), {@code headers}, {@code prefix}, {@code excluded-models},
 * {@code priority}, {@code disabled}. Entries without a name or base URL are skipped with a warning.
 */
final class CompatEntries {

    private static final Logger LOG = LoggerFactory.getLogger(CompatEntries.class);

    /** Attribute holding the entry name. */
    static final String NAME = "compat-name";

    private CompatEntries() {
    }

    static List<Credential> read(JsonNode section) {
        List<Credential> out = new ArrayList<>();
        if (!section.isArray()) {
            return out;
        }
        int index = 0;
        for (JsonNode entry : section) {
            index++;
            String name = text(entry, "name");
            String baseUrl = stripSlash(text(entry, "base-url"));
            if (name.isEmpty() || baseUrl.isEmpty()) {
                LOG.warn("openai-compatibility entry #{} skipped: it needs both name and base-url", index);
                continue;
            }
            if (entry.path("disabled").asBoolean(false)) {
                continue;
            }
            List<ModelAlias> models = models(entry.path("models"));
            List<String> excluded = strings(entry.path("excluded-models"));
            Map<String, String> headers = headers(entry.path("headers"));
            String prefix = stripSlash(text(entry, "prefix")).replaceAll("^/+", "");
            int priority = entry.path("priority").asInt(0);
            List<KeyEntry> keys = keys(entry);
            for (KeyEntry key : keys) {
                String id = Credential.stableId(OpenAiCompatProvider.ID, name, key.key, baseUrl, key.proxy, prefix);
                out.add(new Credential(id, OpenAiCompatProvider.ID, name, key.key, baseUrl, key.proxy, prefix,
                        models, excluded, key.weight, priority, headers, Map.of(NAME, name)));
            }
        }
        return out;
    }

    private record KeyEntry(String key, String proxy, int weight) {
    }

    private static List<KeyEntry> keys(JsonNode entry) {
        List<KeyEntry> keys = new ArrayList<>();
        for (JsonNode k : entry.path("api-key-entries")) {
            String key = k.isTextual() ? k.asText().trim() : text(k, "api-key");
            keys.add(new KeyEntry(key, k.isTextual() ? "" : text(k, "proxy-url"),
                    Math.max(1, k.path("weight").asInt(1))));
        }
        for (JsonNode k : entry.path("api-keys")) {
            if (k.isTextual() && !k.asText().isBlank()) {
                keys.add(new KeyEntry(k.asText().trim(), "", 1));
            }
        }
        if (keys.isEmpty()) {
            keys.add(new KeyEntry("", "", 1));
        }
        return keys;
    }

    private static List<ModelAlias> models(JsonNode node) {
        List<ModelAlias> out = new ArrayList<>();
        for (JsonNode m : node) {
            String name = m.isTextual() ? m.asText().trim() : text(m, "name");
            if (!name.isEmpty()) {
                out.add(new ModelAlias(name, m.isTextual() ? "" : text(m, "alias")));
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(v -> {
            if (v.isTextual() && !v.asText().isBlank()) {
                out.add(v.asText().trim());
            }
        });
        return out;
    }

    private static Map<String, String> headers(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText().trim() : "";
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
