package dev.cliproxy.host.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ProviderConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Model renames and exclusions for OAuth accounts (credentials of kind {@code OAUTH} or backed by a token file),
 * per channel (the provider id: {@code claude}, {@code codex}...): {@code oauth-model-alias} ({@code {channel:
 * [{name, alias, fork}]}}) and {@code oauth-excluded-models} ({@code {channel: [patterns]}}) from the config, and
 * a token file's own {@code model_aliases} (which replace the channel's aliases for that account) and
 * {@code excluded_models} (added to the channel's; legacy spellings {@code model-aliases}, {@code excluded-models}).
 * An alias renames the upstream model {@code name} for listing and routing; {@code fork: true} keeps the original
 * name too; one name may have several aliases. Aliases are unique per channel (case-insensitive, first wins) and
 * an alias equal to its name is dropped. Immutable.
 */
public final class OAuthModels {

    /** One rename: clients ask for {@code alias}, the upstream gets {@code name}. */
    record Alias(String name, String alias, boolean fork) {
    }

    /** No OAuth rules. */
    public static final OAuthModels NONE = new OAuthModels(Map.of(), Map.of(), Map.of());

    private final Map<String, List<Alias>> aliases;
    private final Map<String, List<String>> excluded;
    private final Map<String, JsonNode> files;

    private OAuthModels(Map<String, List<Alias>> aliases, Map<String, List<String>> excluded,
                        Map<String, JsonNode> files) {
        this.aliases = aliases;
        this.excluded = excluded;
        this.files = files;
    }

    /** The rules of config {@code root} and the token files of {@code auth-dir}. */
    public static OAuthModels of(JsonNode root, List<ProviderConfig.AuthFile> authFiles) {
        Map<String, List<Alias>> aliases = new LinkedHashMap<>();
        root.path("oauth-model-alias").properties().forEach(e ->
                aliases.put(channel(e.getKey()), aliasList(e.getValue())));
        Map<String, List<String>> excluded = new LinkedHashMap<>();
        root.path("oauth-excluded-models").properties().forEach(e ->
                excluded.put(channel(e.getKey()), patterns(e.getValue())));
        Map<String, JsonNode> files = new LinkedHashMap<>();
        for (ProviderConfig.AuthFile f : authFiles) {
            files.put(f.name(), f.content());
        }
        return new OAuthModels(Map.copyOf(aliases), Map.copyOf(excluded), Map.copyOf(files));
    }

    /** Whether the rules apply to {@code c}: an OAuth account or a token file. */
    static boolean appliesTo(Credential c) {
        return c.kind() == Credential.Kind.OAUTH || (c.authFile() != null && !c.authFile().isEmpty());
    }

    /** The patterns of models {@code c} does not serve: its channel's and its token file's. */
    List<String> excluded(Credential c) {
        List<String> out = new ArrayList<>(excluded.getOrDefault(channel(c.provider()), List.of()));
        JsonNode file = file(c);
        if (file != null) {
            out.addAll(patterns(first(file, "excluded_models", "excluded-models")));
        }
        return out;
    }

    /** The renames for {@code c}: its token file's when it has any, else its channel's. */
    List<Alias> aliases(Credential c) {
        JsonNode file = file(c);
        if (file != null) {
            List<Alias> own = aliasList(first(file, "model_aliases", "model-aliases"));
            if (!own.isEmpty()) {
                return own;
            }
        }
        return aliases.getOrDefault(channel(c.provider()), List.of());
    }

    private JsonNode file(Credential c) {
        return c.authFile() == null ? null : files.get(c.authFile());
    }

    private static JsonNode first(JsonNode node, String name, String legacy) {
        return node.has(name) ? node.get(name) : node.path(legacy);
    }

    private static List<Alias> aliasList(JsonNode list) {
        List<Alias> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode a : list) {
            String name = a.path("name").asText("").trim();
            String alias = a.path("alias").asText("").trim();
            if (name.isEmpty() || alias.isEmpty() || name.equalsIgnoreCase(alias)
                    || !seen.add(alias.toLowerCase(Locale.ROOT))) {
                continue;
            }
            out.add(new Alias(name, alias, a.path("fork").asBoolean(false)));
        }
        return List.copyOf(out);
    }

    private static List<String> patterns(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : list) {
            if (p.isTextual() && !p.asText().isBlank()) {
                out.add(p.asText().trim());
            }
        }
        return List.copyOf(out);
    }

    private static String channel(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
