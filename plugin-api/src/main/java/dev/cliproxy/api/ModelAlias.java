package dev.cliproxy.api;

import java.util.Objects;

/**
 * A configured model of a credential: the upstream {@code name} and the {@code alias} clients use for it.
 * An empty alias means clients use the upstream name.
 */
public record ModelAlias(String name, String alias) {

    public ModelAlias {
        Objects.requireNonNull(name, "name");
        alias = alias == null ? "" : alias.trim();
        name = name.trim();
    }

    /** The id clients see and request. */
    public String clientName() {
        return alias.isEmpty() ? name : alias;
    }
}
