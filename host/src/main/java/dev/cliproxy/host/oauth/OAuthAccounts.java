package dev.cliproxy.host.oauth;

import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.host.state.LiveState;
import java.util.List;
import java.util.function.Supplier;

/**
 * The host's OAuth machinery for every provider that offers a login, wired once: the logins by name, the token
 * files with their locks, browser login sessions, the refresher, the tokens the request path sends, and the
 * accounts as management sessions. Provider-neutral: a plugin with an {@code AccountLogin} gets all of it.
 *
 * @param logins    the logins by name
 * @param files     the token files, edited under per-file locks
 * @param sessions  browser login sessions
 * @param refresher the refresh scheduler
 * @param tokens    live tokens and the 401 retry for the request path
 * @param accounts  the accounts as sessions
 */
public record OAuthAccounts(AccountLogins logins, AccountFiles files, LoginSessions sessions,
                           TokenRefresher refresher, AccountTokens tokens, AccountSessions accounts)
        implements AutoCloseable {

    /**
     * Wires the machinery for {@code live}'s providers; {@code reload} re-reads {@code auth-dir} into the live
     * state. Call {@link #start} once the server runs.
     */
    public static OAuthAccounts create(LiveState live, HostServices services, Runnable reload) {
        AccountLogins logins = new AccountLogins(live::providers);
        AccountFiles files = new AccountFiles(services.credentialStore());
        Supplier<ProviderConfig> config = () -> new ProviderConfig(live.config().raw(), List.of(),
                live.config().proxyUrl());
        LoginSessions sessions = new LoginSessions(files, services, config);
        TokenRefresher refresher = new TokenRefresher(live, config, logins, files, services);
        return new OAuthAccounts(logins, files, sessions, refresher, AccountTokens.following(live, refresher),
                new AccountSessions(live, refresher, files, reload, services.clock()));
    }

    /** Starts refreshing. */
    public void start() {
        refresher.start();
    }

    @Override
    public void close() {
        refresher.close();
        sessions.close();
    }
}
