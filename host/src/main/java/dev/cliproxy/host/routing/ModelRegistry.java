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
 * names). The same name on several credentials or providers forms one pool. Candidates keep registration order
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

    /** Builds the registry from each provider's credentials. */
    public static ModelRegistry build(Map<ProviderPlugin, List<Credential>> credentials, boolean forceModelPrefix) {
        Map<String, List<Candidate>> byName = new LinkedHashMap<>();
        Map<String, ListedModel> listed = new LinkedHashMap<>();
        credentials.forEach((provider, creds) -> {
            for (Credential c : creds) {
                if (c.disabled()) {
                    continue;
                }
                for (Served s : served(provider, c)) {
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

    private static List<Served> served(ProviderPlugin provider, Credential c) {
        List<Served> out = new ArrayList<>();
        if (!c.models().isEmpty()) {
            for (ModelAlias m : c.models()) {
                if (excluded(c, m.name()) || excluded(c, m.clientName())) {
                    continue;
                }
                out.add(new Served(m.name(), m.clientName(), ModelInfo.of(m.clientName(), provider.id())));
            }
            return out;
        }
        for (ModelInfo info : provider.defaultModels(c)) {
            if (!excluded(c, info.id())) {
                out.add(new Served(info.id(), info.id(), info));
            }
        }
        return out;
    }

    private static boolean excluded(Credential c, String model) {
        return ModelPattern.anyMatches(c.excludedModels(), model);
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
