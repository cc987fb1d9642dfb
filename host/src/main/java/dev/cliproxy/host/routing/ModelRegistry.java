package dev.cliproxy.host.routing;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ModelAlias;
import dev.cliproxy.api.ModelInfo;
import dev.cliproxy.api.ProviderPlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which candidates serve each client model name. Built from every credential's configured models (upstream name
 * and alias) or, when it lists none, its provider's catalogue; minus {@code excluded-models}; plus
 * {@code <prefix>/<model>} for credentials with a prefix ({@code force-model-prefix} keeps only the prefixed
 * names); OAuth accounts also get their channel's and token file's renames and exclusions ({@link OAuthModels}).
 * The same name on several credentials or providers forms one pool. Candidates keep registration order
 * (providers as loaded, credentials and models as configured), so fill-first fills the first configured credential
 * first. Immutable (apart from each pool's round-robin cursor); lookups are one hash-map get. Disabled credentials
 * serve nothing.
 */
public final class ModelRegistry {

    /** A model as listed to clients. */
    public record ListedModel(String id, ModelInfo info, String provider) {
    }

    private final Map<String, CandidatePool> byName;
    private final List<ListedModel> listing;

    private ModelRegistry(Map<String, CandidatePool> byName, List<ListedModel> listing) {
        this.byName = byName;
        this.listing = listing;
    }

    /** An empty registry. */
    public static ModelRegistry empty() {
        return new ModelRegistry(Map.of(), List.of());
    }

    /** Builds the registry from each provider's credentials, without OAuth rules. */
    public static ModelRegistry build(Map<ProviderPlugin, List<Credential>> credentials, boolean forceModelPrefix) {
        return build(credentials, forceModelPrefix, OAuthModels.NONE);
    }

    /** Builds the registry from each provider's credentials, OAuth accounts renamed and filtered by {@code oauth}. */
    public static ModelRegistry build(Map<ProviderPlugin, List<Credential>> credentials, boolean forceModelPrefix,
                                      OAuthModels oauth) {
        Map<String, List<Candidate>> byName = new LinkedHashMap<>();
        Map<String, ListedModel> listed = new LinkedHashMap<>();
        credentials.forEach((provider, creds) -> {
            for (Credential c : creds) {
                if (c.disabled()) {
                    continue;
                }
                for (Served s : served(provider, c, oauth)) {
                    Candidate candidate = new Candidate(provider, c, s.upstream);
                    for (String name : clientNames(c, s.clientName, forceModelPrefix)) {
                        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(candidate);
                        listed.putIfAbsent(name, new ListedModel(name, s.info, provider.id()));
                    }
                }
            }
        });
        Map<String, CandidatePool> pools = new LinkedHashMap<>();
        byName.forEach((name, list) -> pools.put(name, new CandidatePool(name, list)));
        return new ModelRegistry(Map.copyOf(pools), List.copyOf(listed.values()));
    }

    private record Served(String upstream, String clientName, ModelInfo info) {
    }

    private static List<Served> served(ProviderPlugin provider, Credential c, OAuthModels oauth) {
        boolean isOAuth = OAuthModels.appliesTo(c);
        List<String> excluded = c.excludedModels();
        if (isOAuth) {
            excluded = new ArrayList<>(excluded);
            excluded.addAll(oauth.excluded(c));
        }
        List<Served> out = new ArrayList<>();
        if (!c.models().isEmpty()) {
            for (ModelAlias m : c.models()) {
                if (!ModelPattern.anyMatches(excluded, m.name()) && !ModelPattern.anyMatches(excluded, m.clientName())) {
                    out.add(new Served(m.name(), m.clientName(), ModelInfo.of(m.clientName(), provider.id())));
                }
            }
        } else {
            for (ModelInfo info : provider.defaultModels(c)) {
                if (!ModelPattern.anyMatches(excluded, info.id())) {
                    out.add(new Served(info.id(), info.id(), info));
                }
            }
        }
        return isOAuth ? renamed(out, oauth.aliases(c), excluded) : out;
    }

    /** {@code served} with each model that has aliases listed under them (and under its own name too on fork). */
    private static List<Served> renamed(List<Served> served, List<OAuthModels.Alias> aliases, List<String> excluded) {
        if (aliases.isEmpty()) {
            return served;
        }
        List<Served> out = new ArrayList<>();
        for (Served s : served) {
            boolean renamed = false;
            boolean fork = false;
            for (OAuthModels.Alias a : aliases) {
                if (a.name().equalsIgnoreCase(s.upstream) && !ModelPattern.anyMatches(excluded, a.alias())) {
                    out.add(new Served(s.upstream, a.alias(), ModelInfo.builder(a.alias())
                            .displayName(a.alias()).ownedBy(s.info.ownedBy()).created(s.info.created())
                            .tokenLimits(s.info.inputTokenLimit(), s.info.outputTokenLimit()).build()));
                    renamed = true;
                    fork |= a.fork();
                }
            }
            if (!renamed || fork) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<String> clientNames(Credential c, String name, boolean forceModelPrefix) {
        if (c.prefix().isEmpty()) {
            return List.of(name);
        }
        String prefixed = c.prefix() + "/" + name;
        return forceModelPrefix && !c.prefix().equals(name) ? List.of(prefixed) : List.of(prefixed, name);
    }

    /** The candidates for a client model name, in registration order; empty when none serves it. */
    public List<Candidate> candidates(String model) {
        CandidatePool p = byName.get(model);
        return p == null ? List.of() : p.candidates();
    }

    /** The pool serving a client model name, or {@code null} when none does. */
    public CandidatePool pool(String model) {
        return byName.get(model);
    }

    /** Every client-visible model, first registration order. */
    public List<ListedModel> listing() {
        return listing;
    }

    /** Whether {@code model} is served. */
    public boolean serves(String model) {
        return byName.containsKey(model);
    }
}
