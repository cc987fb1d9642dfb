package dev.cliproxy.host.plugins;

import dev.cliproxy.api.ProviderPlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The loaded provider plugins by id; immutable. */
public final class Providers {

    private final Map<String, ProviderPlugin> byId;
    private final List<ProviderPlugin> order;

    public Providers(List<ProviderPlugin> providers) {
        Map<String, ProviderPlugin> m = new LinkedHashMap<>();
        for (ProviderPlugin p : providers) {
            m.putIfAbsent(p.id(), p);
        }
        this.byId = Map.copyOf(m);
        this.order = List.copyOf(m.values());
    }

    /** Every provider, in load order. */
    public List<ProviderPlugin> all() {
        return order;
    }

    /** The provider with {@code id}, or {@code null}. */
    public ProviderPlugin get(String id) {
        return byId.get(id);
    }
}
