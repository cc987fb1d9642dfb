package dev.cliproxy.host.oauth;

import dev.cliproxy.api.AccountLogin;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.host.plugins.Providers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The OAuth logins the loaded providers offer, by every name they answer to ({@code claude}, {@code anthropic}...). */
public final class AccountLogins {

    /** One provider's login. */
    public record Entry(ProviderPlugin provider, AccountLogin login) {

        /** The canonical name (the login's first). */
        public String name() {
            return login.names().isEmpty() ? provider.id() : login.names().getFirst();
        }
    }

    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final Map<String, Entry> byProvider = new LinkedHashMap<>();

    public AccountLogins(Providers providers) {
        for (ProviderPlugin p : providers.all()) {
            Optional<AccountLogin> login = p.login();
            if (login.isEmpty()) {
                continue;
            }
            Entry e = new Entry(p, login.get());
            byProvider.put(p.id(), e);
            byName.putIfAbsent(p.id().toLowerCase(Locale.ROOT), e);
            for (String name : login.get().names()) {
                byName.putIfAbsent(name.toLowerCase(Locale.ROOT), e);
            }
        }
    }

    /** The login answering to {@code name} (case-insensitive). */
    public Optional<Entry> byName(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The login of provider {@code id}. */
    public Optional<Entry> byProvider(String id) {
        return Optional.ofNullable(byProvider.get(id));
    }

    /** Every name a login answers to. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
