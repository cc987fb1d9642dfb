package dev.cliproxy.host.oauth;

import dev.cliproxy.api.CallbackAddress;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.LoginException;
import dev.cliproxy.api.LoginRequest;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.TokenFile;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser logins in progress, by OAuth {@code state}: each has a fresh state and PKCE pair, a local callback
 * server on the provider's port when one can be bound ({@link CallbackServers}), and ends when its callback arrives
 * (code exchanged by the plugin, token file saved), when it fails, when it is cancelled, or after
 * {@link #LIFETIME} without a callback. Ended sessions stay queryable for {@link #KEEP_ENDED}.
 */
public final class LoginSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoginSessions.class);
    /** How long a session waits for its callback. */
    public static final Duration LIFETIME = Duration.ofMinutes(30);
    /** How long an ended session can still be asked about. */
    public static final Duration KEEP_ENDED = Duration.ofMinutes(1);
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** The answer to a callback. */
    public record Outcome(int status, String message) {
    }

    private final AccountFiles files;
    private final HostServices services;
    private final Supplier<ProviderConfig> config;
    private final Clock clock;
    private final CallbackServers servers;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, LoginSession> sessions = new ConcurrentHashMap<>();

    /**
     * @param files    where logins save their token files
     * @param services what the plugins' login calls use
     * @param config   the live configuration as the plugins see it
     */
    public LoginSessions(AccountFiles files, HostServices services, Supplier<ProviderConfig> config) {
        this.files = files;
        this.services = services;
        this.config = config;
        this.clock = services.clock();
        this.servers = new CallbackServers(this);
    }

    /** Whether {@code state} is an acceptable OAuth state ({@code [A-Za-z0-9._-]}, at most 128, no {@code ..}). */
    public static boolean validState(String state) {
        return state != null && STATE.matcher(state).matches() && !state.contains("..");
    }

    /**
     * Starts a login with {@code login}; its local callback listens on {@code port} (the provider's configured
     * port when {@code null}; 0 picks a free one). When the port cannot be bound the session still starts: its
     * redirect can be completed through the main port or by pasting it to {@code /oauth-callback}.
     */
    public LoginSession start(AccountLogins.Entry login, Integer port) {
        return start(login, port, Map.of());
    }

    /**
     * Starts a login as {@link #start(AccountLogins.Entry, Integer)} does, with {@code options} for the provider
     * (e.g. Gemini CLI's {@code project_id}).
     */
    public LoginSession start(AccountLogins.Entry login, Integer port, Map<String, String> options) {
        expire();
        ProviderConfig view = config.get();
        CallbackAddress callback = login.login().callback(view);
        int wanted = port == null ? callback.port() : port;
        int bound = servers.bind(wanted);
        String redirect = new CallbackAddress(bound > 0 ? bound : wanted, callback.path()).redirectUri();
        Pkce pkce = Pkce.generate(random);
        String state = newState();
        LoginSession session = new LoginSession(login, LoginRequest.builder(state, pkce.verifier(),
                pkce.challenge(), redirect, view).options(options).build(), clock.instant());
        sessions.put(state, session);
        LOG.info("OAuth login for {} started (state {}), callback {}", login.name(), state, redirect);
        return session;
    }

    /** The session of {@code state}, when it exists and has not expired. */
    public Optional<LoginSession> get(String state) {
        expire();
        return Optional.ofNullable(state == null ? null : sessions.get(state));
    }

    /**
     * Completes the session of {@code state} with the provider's {@code code} (or its {@code error}): the plugin
     * exchanges the code and the token file is saved. Blocks for the exchange.
     */
    public Outcome complete(String state, String code, String error) {
        if (!validState(state)) {
            return new Outcome(400, "invalid state");
        }
        LoginSession s = get(state).orElse(null);
        if (s == null) {
            return new Outcome(404, "unknown or expired state");
        }
        if (s.status() != LoginSession.Status.WAIT) {
            return new Outcome(409, "oauth flow is already completed");
        }
        if (error != null && !error.isBlank()) {
            return fail(s, "Authorization refused: " + error);
        }
        if (code == null || code.isBlank()) {
            return fail(s, "The callback carries no code");
        }
        TokenFile file;
        try {
            file = s.login().login().complete(s.request(), code, services);
        } catch (LoginException e) {
            return fail(s, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Provider {} failed completing a login", s.login().provider().id(), e);
            return fail(s, "Failed to exchange authorization code for tokens");
        }
        try {
            files.save(file);
        } catch (IOException e) {
            LOG.warn("Cannot save token file {}: {}", file.name(), e.getMessage());
            return fail(s, "Failed to save authentication tokens");
        }
        s.end(LoginSession.Status.OK, "", file.name(), clock.instant());
        LOG.info("OAuth login for {} completed: saved {}", s.login().name(), file.name());
        servers.release();
        return new Outcome(200, "Login successful: " + file.name());
    }

    /** Cancels the session of {@code state}; false when there is none waiting. */
    public boolean cancel(String state) {
        LoginSession s = get(state).orElse(null);
        boolean cancelled = s != null && s.end(LoginSession.Status.ERROR, "Cancelled", "", clock.instant());
        servers.release();
        return cancelled;
    }

    /**
     * A handler completing logins from redirects that reach another server (the main port's
     * {@code /<provider>/callback}); it may block, so it dispatches to a worker thread.
     */
    public HttpHandler callbackHandler() {
        return new BlockingHandler(servers::handle);
    }

    /** Whether any session is still waiting for its callback. */
    boolean anyWaiting() {
        return sessions.values().stream().anyMatch(s -> s.status() == LoginSession.Status.WAIT);
    }

    private Outcome fail(LoginSession s, String message) {
        s.end(LoginSession.Status.ERROR, message, "", clock.instant());
        LOG.warn("OAuth login for {} failed: {}", s.login().name(), message);
        servers.release();
        return new Outcome(400, message);
    }

    private void expire() {
        Instant now = clock.instant();
        boolean changed = false;
        for (LoginSession s : sessions.values()) {
            if (s.status() == LoginSession.Status.WAIT && now.isAfter(s.started().plus(LIFETIME))) {
                changed |= s.end(LoginSession.Status.ERROR, "Timeout waiting for OAuth callback", "", now);
            }
            if (s.ended() != null && now.isAfter(s.ended().plus(KEEP_ENDED))) {
                sessions.remove(s.state(), s);
            }
        }
        if (changed) {
            servers.release();
        }
    }

    private String newState() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Stops the callback servers. */
    @Override
    public void close() {
        servers.close();
    }
}
