package dev.cliproxy.plugin.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ModelAlias;
import dev.cliproxy.api.config.EntryFields;
import java.util.ArrayList;
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
            String name = EntryFields.text(entry, "name");
            String baseUrl = stripSlash(EntryFields.text(entry, "base-url"));
            if (name.isEmpty() || baseUrl.isEmpty()) {
                LOG.warn("openai-compatibility entry #{} skipped: it needs both name and base-url", index);
                continue;
            }
            if (entry.path("disabled").asBoolean(false)) {
                continue;
            }
            List<ModelAlias> models = EntryFields.models(entry.path("models"));
            List<String> excluded = EntryFields.strings(entry.path("excluded-models"));
            Map<String, String> headers = EntryFields.headers(entry.path("headers"));
            String prefix = stripSlash(EntryFields.text(entry, "prefix")).replaceAll("^/+", "");
            int priority = entry.path("priority").asInt(0);
            List<KeyEntry> keys = keys(entry);
            for (KeyEntry key : keys) {
                String id = Credential.stableId(OpenAiCompatProvider.ID, name, key.key, baseUrl, key.proxy, prefix);
                out.add(Credential.builder(id, OpenAiCompatProvider.ID).label(name).secret(key.key).baseUrl(baseUrl)
                        .proxyUrl(key.proxy).prefix(prefix).models(models).excludedModels(excluded)
                        .weight(key.weight).priority(priority).headers(headers).attribute(NAME, name).build());
            }
        }
        return out;
    }

    private record KeyEntry(String key, String proxy, int weight) {
    }

    private static List<KeyEntry> keys(JsonNode entry) {
        List<KeyEntry> keys = new ArrayList<>();
        for (JsonNode k : entry.path("api-key-entries")) {
            String key = k.isTextual() ? k.asText().trim() : EntryFields.text(k, "api-key");
            keys.add(new KeyEntry(key, k.isTextual() ? "" : EntryFields.text(k, "proxy-url"),
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

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
