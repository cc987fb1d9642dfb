package dev.cliproxy.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a list of API-key entries, the shape shared by {@code claude-api-key}, {@code gemini-api-key},
 * {@code codex-api-key} and similar sections: {@code api-key} (required), {@code base-url}, {@code proxy-url},
 * {@code prefix}, {@code headers}, {@code models} ({@code name} upstream, {@code alias} for clients; plain strings
 * are accepted too), {@code excluded-models}, {@code priority} and {@code weight}. Strings are trimmed, a trailing
 * {@code /} of the base URL and slashes around the prefix are removed. Entries that cannot be used are skipped with
 * a warning naming their position, never their key. Each credential gets a {@link Credential#stableId stable id}
 * from the provider, key, base URL, proxy and prefix, and the label {@code <section>[<index>]}.
 */
public final class ApiKeyEntries {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyEntries.class);

    /** The largest accepted {@code weight}. */
    public static final int MAX_WEIGHT = 1_000_000;

    private final String provider;
    private final String section;
    private final boolean baseUrlRequired;

    /**
     * @param provider        the owning provider id
     * @param section         the config key, used in labels and warnings
     * @param baseUrlRequired whether entries without {@code base-url} are skipped (e.g. {@code codex-api-key})
     */
    public ApiKeyEntries(String provider, String section, boolean baseUrlRequired) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.section = Objects.requireNonNull(section, "section");
        this.baseUrlRequired = baseUrlRequired;
    }

    /** The credentials of every usable entry of {@code list} (a missing or non-list node gives none). */
    public List<Credential> read(JsonNode list) {
        List<Credential> out = new ArrayList<>();
        if (list == null || !list.isArray()) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            Credential c = entry(list.get(i), i);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The credentials of a plain list of key strings (such as the older {@code generative-language-api-key}):
     * default base URL, no proxy, no prefix, the provider catalogue.
     */
    public List<Credential> readKeys(JsonNode list) {
        List<Credential> out = new ArrayList<>();
        if (list == null || !list.isArray()) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i);
            String key = v.isTextual() ? v.asText().trim() : "";
            if (key.isEmpty()) {
                LOG.warn("{}[{}] skipped: not a non-empty key string", section, i);
                continue;
            }
            out.add(Credential.builder(Credential.stableId(provider, key, "", "", ""), provider)
                    .label(section + "[" + i + "]").secret(key).build());
        }
        return out;
    }

    private Credential entry(JsonNode e, int index) {
        String where = section + "[" + index + "]";
        if (!e.isObject()) {
            LOG.warn("{} skipped: not a mapping", where);
            return null;
        }
        String key = EntryFields.text(e, "api-key");
        if (key.isEmpty()) {
            LOG.warn("{} skipped: api-key is missing", where);
            return null;
        }
        String baseUrl = trimSlashes(EntryFields.text(e, "base-url"), false);
        if (baseUrlRequired && baseUrl.isEmpty()) {
            LOG.warn("{} skipped: base-url is required", where);
            return null;
        }
        String proxy = EntryFields.text(e, "proxy-url");
        String prefix = trimSlashes(EntryFields.text(e, "prefix"), true);
        int weight = e.path("weight").asInt(1);
        if (weight < 0 || weight > MAX_WEIGHT) {
            LOG.warn("{}: weight {} is outside 0..{}; using 1", where, weight, MAX_WEIGHT);
            weight = 1;
        }
        return Credential.builder(Credential.stableId(provider, key, baseUrl, proxy, prefix), provider)
                .label(where).secret(key).baseUrl(baseUrl).proxyUrl(proxy).prefix(prefix)
                .models(EntryFields.models(e.path("models"))).excludedModels(EntryFields.strings(e.path("excluded-models")))
                .weight(weight).priority(e.path("priority").asInt(0)).headers(EntryFields.headers(e.path("headers")))
                .build();
    }

    private static String trimSlashes(String s, boolean leading) {
        int start = 0;
        int end = s.length();
        while (leading && start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }
}
