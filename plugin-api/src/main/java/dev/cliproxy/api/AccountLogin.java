package dev.cliproxy.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The OAuth side of a provider: how its accounts log in and stay logged in. The plugin knows the provider (URLs,
 * request bodies, token parsing, token-file fields); the host runs everything else: the command-line and management
 * login sessions, PKCE and state, the local callback server (a plugin never binds a socket), device polling,
 * refresh scheduling (single flight per account), and atomic 0600 persistence of the token files.
 *
 * <p>Methods that take {@link HostServices} may block on I/O through {@link HostServices#http()}; the host calls
 * them on its own virtual threads, never on a request's path.
 */
public interface AccountLogin {

    /**
     * The names this login answers to in {@code POST /v0/management/oauth/{name}} and on the command line; the first
     * is the canonical one (e.g. {@code claude}, then {@code anthropic}).
     */
    List<String> names();

    /** The local callback the provider redirects the browser to (its registered port and path). */
    CallbackAddress callback(ProviderConfig config);

    /** The provider's authorization URL for a browser login (PKCE S256, {@code state}). Pure. */
    String authorizeUrl(LoginRequest request);

    /**
     * Exchanges the authorization {@code code} and returns the token file to save.
     *
     * @throws LoginException with a message the user can act on
     */
    TokenFile complete(LoginRequest request, String code, HostServices services) throws LoginException;

    /** The device-code flow, for providers that have one. */
    default Optional<DeviceLogin> deviceLogin() {
        return Optional.empty();
    }

    /**
     * Refreshes the account behind {@code current} and returns the updated file (same name).
     *
     * @throws LoginException when the provider refuses (the host backs off and shows the message)
     */
    TokenFile refresh(TokenFile current, ProviderConfig config, HostServices services) throws LoginException;

    /**
     * When the host should next refresh {@code file} (e.g. its expiry minus the provider's lead time); an instant in
     * the past means now; {@code null} means the file never needs refreshing. Pure.
     */
    Instant refreshAt(TokenFile file);
}
