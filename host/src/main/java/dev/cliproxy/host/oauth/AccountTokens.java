package dev.cliproxy.host.oauth;

import dev.cliproxy.api.Credential;
import dev.cliproxy.host.state.LiveState;
import dev.cliproxy.host.state.RuntimeState;
import dev.cliproxy.host.upstream.UpstreamException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live access tokens of OAuth accounts, as the request path sees them: {@link #secretFor} gives the newest
 * token of a credential (a request that started before a refresh still sends the new one), and
 * {@link #retryOnUnauthorized} refreshes once after an upstream 401 and retries the same account.
 */
public final class AccountTokens {

    private static final Logger LOG = LoggerFactory.getLogger(AccountTokens.class);

    /** Where token refreshes after a 401 wait for the token endpoint. */
    private static final Executor REFRESHES = r -> Thread.ofVirtual().name("token-refresh").start(r);

    private final TokenRefresher refresher;
    private volatile Map<String, String> live = Map.of();

    private AccountTokens(TokenRefresher refresher) {
        this.refresher = refresher;
    }

    /** Tokens that follow {@code state}'s reloads and refresh through {@code refresher}. */
    public static AccountTokens following(LiveState state, TokenRefresher refresher) {
        AccountTokens tokens = new AccountTokens(refresher);
        tokens.update(state.current());
        state.onChange(tokens::update);
        return tokens;
    }

    /** The secret to send for {@code credential}: the newest access token of its token file, else its own. */
    public String secretFor(Credential credential) {
        return credential.kind() == Credential.Kind.OAUTH
                ? live.getOrDefault(credential.id(), credential.secret()) : credential.secret();
    }

    /**
     * Runs {@code attempt}; when it fails with 401 on an OAuth account whose token can be refreshed (or already
     * was), runs it once more. The refresh (a blocking token call, shared with every other request that saw the
     * same 401) runs on a virtual thread; the retry starts on {@code resume}. Any other failure, or a second 401,
     * is passed on as it is.
     */
    public <T> CompletionStage<T> retryOnUnauthorized(Credential credential, Supplier<CompletionStage<T>> attempt,
                                                      Executor resume) {
        String used = secretFor(credential);
        return attempt.get().exceptionallyCompose(error -> {
            Throwable e = error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error;
            if (!(e instanceof UpstreamException u) || u.status() != 401
                    || credential.kind() != Credential.Kind.OAUTH || credential.authFile().isEmpty()) {
                return CompletableFuture.failedFuture(e);
            }
            return CompletableFuture.supplyAsync(() -> refresher.refreshAfterUnauthorized(credential, used), REFRESHES)
                    .thenComposeAsync(refreshed -> {
                        if (!refreshed) {
                            return CompletableFuture.<T>failedFuture(e);
                        }
                        LOG.info("Upstream answered 401 for {}: token refreshed, retrying once",
                                credential.authFile());
                        return attempt.get();
                    }, resume);
        });
    }

    private void update(RuntimeState state) {
        Map<String, String> next = new HashMap<>();
        for (Credential c : state.allCredentials()) {
            if (c.kind() == Credential.Kind.OAUTH) {
                next.put(c.id(), c.secret());
            }
        }
        live = Map.copyOf(next);
    }
}
