package dev.cliproxy.host.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.AccountLogin;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.LoginException;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.TokenFile;
import dev.cliproxy.api.config.TokenFiles;
import dev.cliproxy.host.state.LiveState;
import dev.cliproxy.host.state.RuntimeState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps OAuth accounts logged in. Every second it refreshes the token files whose provider says they are due
 * ({@link AccountLogin#refreshAt}), a file that appears already expired included, whether or not the account is
 * cooling down. A refresh is single-flight per file (a scheduled one, a 401's and a management one share the same
 * attempt), holds the file's lock (no management edit is lost), re-reads the file first (another program may have
 * rotated the refresh token), and writes back only the fields the provider changed. A failure backs off
 * {@link #BACKOFF}; a success is not repeated within {@link #MIN_INTERVAL} (a lead longer than the token's life
 * cannot loop). A refresh token refused for good ({@link LoginException#needsLogin()}) stops the refreshes of its
 * file until the account logs in again (the file keeps {@value #NEEDS_LOGIN}, so a restart does not retry it); a
 * token endpoint that asks to wait ({@link LoginException#retryAfter()}) is not asked again sooner. Messages are
 * logged once per attempt and never hold a token.
 */
public final class TokenRefresher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);
    /** How long a failed file waits before the next scheduled attempt. */
    public static final Duration BACKOFF = Duration.ofMinutes(5);
    /** The shortest time between two scheduled refreshes of one file. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
    /** The longest wait a token endpoint's {@code Retry-After} can impose. */
    static final Duration MAX_WAIT = Duration.ofHours(6);
    /** The token-file field that says the account must log in again. */
    public static final String NEEDS_LOGIN = "needs_login";
    private static final Duration TICK = Duration.ofSeconds(1);

    private final LiveState live;
    private final Supplier<ProviderConfig> config;
    private final AccountLogins logins;
    private final AccountFiles files;
    private final HostServices services;
    private final Clock clock;
    private final Map<String, RefreshState> states = new ConcurrentHashMap<>();
    private final Map<String, String> providers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Boolean>> inflight = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("token-refresh-", 0).factory());
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("token-refresh-ticker").factory());

    /**
     * @param live   the live state whose OAuth credentials are kept fresh
     * @param config the live configuration as the plugins see it
     */
    public TokenRefresher(LiveState live, Supplier<ProviderConfig> config, AccountLogins logins, AccountFiles files,
                          HostServices services) {
        this.live = live;
        this.config = config;
        this.logins = logins;
        this.files = files;
        this.services = services;
        this.clock = services.clock();
    }

    /** Reads the schedule of the current files and starts the ticker; follows every later reload. */
    public void start() {
        reschedule(live.current());
        live.onChange(this::reschedule);
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Refreshes file {@code name} now (joining an attempt already running); completes with whether the file holds
     * a new access token afterwards. With a {@code staleToken}, a file whose credentials no longer send it counts as
     * refreshed already and is not refreshed again.
     */
    public CompletableFuture<Boolean> refresh(String name, String staleToken) {
        return inflight.computeIfAbsent(name, n -> {
            CompletableFuture<Boolean> f = CompletableFuture.supplyAsync(() -> attempt(n, staleToken), workers);
            f.whenComplete((ok, e) -> inflight.remove(n));
            return f;
        });
    }

    /**
     * After an upstream 401 with {@code usedSecret}: true when the file's credentials now send another access token
     * (a sibling refreshed it, or this refresh did), so the request may be retried once; false while the file is backing off
     * or when the refresh fails. Blocks up to 30 s.
     */
    public boolean refreshAfterUnauthorized(Credential credential, String usedSecret) {
        String name = credential.authFile();
        if (files.load(name).isEmpty()) {
            return false;
        }
        if (!Objects.equals(liveSecret(name), usedSecret)) {
            return true;
        }
        RefreshState s = state(name);
        if (s.needsLogin() || s.backoffUntil() != null && clock.instant().isBefore(s.backoffUntil())) {
            return false;
        }
        try {
            return refresh(name, usedSecret).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** The access token the live credentials of file {@code name} send (as their plugin read it), or null. */
    private String liveSecret(String name) {
        return live.current().allCredentials().stream().filter(c -> name.equals(c.authFile())).findFirst()
                .map(Credential::secret).orElse(null);
    }

    /** Whether a refresh of {@code name} is running. */
    public boolean refreshing(String name) {
        return inflight.containsKey(name);
    }

    /** What is known about file {@code name}. */
    RefreshState state(String name) {
        return states.getOrDefault(name, RefreshState.NONE);
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            states.forEach((name, s) -> {
                if (s.due(now, MIN_INTERVAL) && !inflight.containsKey(name)) {
                    refresh(name, null);
                }
            });
        } catch (RuntimeException e) {
            LOG.error("Token refresh scheduling failed", e);
        }
    }

    private void reschedule(RuntimeState state) {
        Set<String> present = new HashSet<>();
        for (Credential c : state.allCredentials()) {
            if (c.kind() != Credential.Kind.OAUTH || c.authFile().isEmpty()) {
                continue;
            }
            Optional<AccountLogins.Entry> entry = logins.byProvider(c.provider());
            Optional<TokenFile> file = files.load(c.authFile());
            if (entry.isEmpty() || file.isEmpty()) {
                continue;
            }
            present.add(c.authFile());
            providers.put(c.authFile(), c.provider());
            JsonNode content = file.get().content();
            Instant refreshAt = entry.get().login().refreshAt(file.get());
            states.compute(c.authFile(), (n, s) -> (s == null ? RefreshState.NONE : s).scheduled(refreshAt,
                    TokenFiles.expiry(content), TokenFiles.lastRefresh(content),
                    content.path(NEEDS_LOGIN).asBoolean(false)));
        }
        states.keySet().retainAll(present);
        providers.keySet().retainAll(present);
    }

    private boolean attempt(String name, String staleToken) {
        ReentrantLock lock = files.lock(name);
        lock.lock();
        try {
            Optional<TokenFile> before = files.load(name);
            Optional<AccountLogins.Entry> entry = Optional.ofNullable(providers.get(name))
                    .flatMap(logins::byProvider);
            if (before.isEmpty() || entry.isEmpty()) {
                return false;
            }
            if (staleToken != null && !staleToken.equals(liveSecret(name))) {
                return true;
            }
            TokenFile refreshed;
            try {
                refreshed = entry.get().login().refresh(before.get(), config.get(), services);
            } catch (LoginException | RuntimeException e) {
                return failed(name, before.get(), e);
            }
            Optional<TokenFile> latest = files.load(name);
            if (latest.isEmpty()) {
                return false;
            }
            ObjectNode merged = merge(latest.get().content(), before.get().content(), refreshed.content());
            merged.remove(NEEDS_LOGIN);
            files.store().save(latest.get().withContent(merged));
            states.computeIfPresent(name, (n, s) -> s.succeeded(clock.instant()));
            LOG.info("Refreshed the tokens of {}", name);
            return true;
        } catch (IOException e) {
            states.computeIfPresent(name, (n, s) -> s.failed(clock.instant(), "cannot save the token file",
                    clock.instant().plus(BACKOFF)));
            LOG.warn("Cannot save the refreshed tokens of {}: {}", name, e.getMessage());
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** A refused refresh: when the file's refresh token changed meanwhile, a sibling won and its token is used. */
    private boolean failed(String name, TokenFile before, Exception e) {
        Optional<TokenFile> now = files.load(name);
        if (now.isPresent() && !now.get().text("refresh_token").equals(before.text("refresh_token"))) {
            LOG.info("Tokens of {} were refreshed elsewhere meanwhile; using them", name);
            states.computeIfPresent(name, (n, s) -> s.succeeded(clock.instant()));
            return true;
        }
        String message = e instanceof LoginException ? e.getMessage() : "provider error (" + e.getClass()
                .getSimpleName() + ")";
        if (!(e instanceof LoginException)) {
            LOG.error("Provider failed refreshing {}", name, e);
        }
        Instant at = clock.instant();
        if (e instanceof LoginException login && login.needsLogin()) {
            markNeedsLogin(name);
            states.computeIfPresent(name, (n, s) -> s.loginNeeded(at, message));
            LOG.warn("Token refresh of {} refused: {}; no more attempts until the account logs in again", name,
                    message);
            return false;
        }
        Duration wait = e instanceof LoginException login && login.retryAfter() != null
                ? clamp(login.retryAfter()) : BACKOFF;
        states.computeIfPresent(name, (n, s) -> s.failed(at, message, at.plus(wait)));
        LOG.warn("Token refresh of {} failed: {}; next try after {}", name, message, at.plus(wait));
        return false;
    }

    private static Duration clamp(Duration wait) {
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    /** Keeps in file {@code name} that its account must log in again (a restart does not retry it). */
    private void markNeedsLogin(String name) {
        Optional<TokenFile> latest = files.load(name);
        if (latest.isEmpty()) {
            return;
        }
        ObjectNode content = latest.get().content();
        content.put(NEEDS_LOGIN, true);
        try {
            files.store().save(latest.get().withContent(content));
        } catch (IOException io) {
            LOG.warn("Cannot keep the re-login mark in {}: {}", name, io.getMessage());
        }
    }

    /** {@code latest} with every field the refresh changed (compared with {@code before}) from {@code refreshed}. */
    private static ObjectNode merge(ObjectNode latest, ObjectNode before, ObjectNode refreshed) {
        refreshed.properties().forEach(e -> {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                latest.set(e.getKey(), e.getValue());
            }
        });
        return latest;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        workers.shutdownNow();
    }
}
