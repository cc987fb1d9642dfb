package dev.cliproxy.host.oauth;

import dev.cliproxy.api.Credential;
import dev.cliproxy.host.state.LiveState;
import dev.cliproxy.host.state.RuntimeState;
import dev.cliproxy.host.upstream.UpstreamException;
import java.util.HashMap;
import java.util.Map;
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
     * was), runs it once more. Any other failure, or a second 401, is thrown as it is.
     */
    public <T> T retryOnUnauthorized(Credential credential, Supplier<T> attempt) {
        String used = secretFor(credential);
        try {
            return attempt.get();
        } catch (UpstreamException e) {
            if (e.status() != 401 || credential.kind() != Credential.Kind.OAUTH
                    || credential.authFile().isEmpty() || !refresher.refreshAfterUnauthorized(credential, used)) {
                throw e;
            }
            LOG.info("Upstream answered 401 for {}: token refreshed, retrying once", credential.authFile());
            return attempt.get();
        }
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
