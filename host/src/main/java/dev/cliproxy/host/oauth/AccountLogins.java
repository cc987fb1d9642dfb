package dev.cliproxy.host.oauth;

import dev.cliproxy.api.AccountLogin;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.host.plugins.Providers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The OAuth logins the loaded providers offer, by every name they answer to ({@code claude}, {@code anthropic}...).
 * Read from the providers of the moment, so a plugin loaded or unloaded at run time is found or gone.
 */
public final class AccountLogins {

    /** One provider's login. */
    public record Entry(ProviderPlugin provider, AccountLogin login) {

        /** The canonical name (the login's first). */
        public String name() {
            return login.names().isEmpty() ? provider.id() : login.names().getFirst();
        }

        private boolean answers(String name) {
            return provider.id().equalsIgnoreCase(name)
                    || login.names().stream().anyMatch(n -> n.equalsIgnoreCase(name));
        }
    }

    private final Supplier<Providers> providers;

    /** @param providers the providers loaded now */
    public AccountLogins(Supplier<Providers> providers) {
        this.providers = providers;
    }

    /** The login answering to {@code name} (case-insensitive; the first provider that answers wins). */
    public Optional<Entry> byName(String name) {
        return name == null ? Optional.empty() : entries().stream().filter(e -> e.answers(name)).findFirst();
    }

    /** The login of provider {@code id}. */
    public Optional<Entry> byProvider(String id) {
        return entries().stream().filter(e -> e.provider().id().equals(id)).findFirst();
    }

    /** Every name a login answers to now. */
    public List<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Entry e : entries()) {
            names.add(e.provider().id().toLowerCase(Locale.ROOT));
            e.login().names().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        }
        return List.copyOf(names);
    }

    private List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (ProviderPlugin p : providers.get().all()) {
            p.login().ifPresent(login -> out.add(new Entry(p, login)));
        }
        return out;
    }
}
