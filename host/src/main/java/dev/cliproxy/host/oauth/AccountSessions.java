package dev.cliproxy.host.oauth;

import dev.cliproxy.api.Credential;
import dev.cliproxy.host.state.LiveState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The OAuth accounts as sessions: one per token-file credential, with its status ({@code active},
 * {@code expired}, {@code refreshing}, {@code needs_login}, {@code error}, {@code disabled}), and revocation (the file is deleted under
 * its lock, so a refresh running meanwhile cannot bring it back, and the account stops serving at once).
 */
public final class AccountSessions {

    /** One account as {@code GET /sessions} shows it (no token). */
    public record Session(String id, String provider, String email, String file, String status, boolean disabled,
                          Instant expiresAt, Instant lastRefresh, String lastError) {
    }

    private final LiveState live;
    private final TokenRefresher refresher;
    private final AccountFiles files;
    private final Runnable reload;
    private final Clock clock;

    /**
     * @param files  the token files (deleted under their lock)
     * @param reload re-reads {@code auth-dir} into the live state
     */
    public AccountSessions(LiveState live, TokenRefresher refresher, AccountFiles files, Runnable reload,
                           Clock clock) {
        this.live = live;
        this.refresher = refresher;
        this.files = files;
        this.reload = reload;
        this.clock = clock;
    }

    /** Every OAuth account of the live state. */
    public List<Session> list() {
        List<Session> out = new ArrayList<>();
        Instant now = clock.instant();
        for (Credential c : live.current().allCredentials()) {
            if (c.kind() == Credential.Kind.OAUTH && !c.authFile().isEmpty()) {
                RefreshState s = refresher.state(c.authFile());
                out.add(new Session(c.id(), c.provider(), c.label(), c.authFile(), status(c, s, now), c.disabled(),
                        s.expiry(), s.lastRefresh(), s.lastError() == null ? "" : s.lastError()));
            }
        }
        return out;
    }

    /** The last failed refresh of {@code c}'s token file (a message without secrets), or {@code ""}. */
    public String refreshError(Credential c) {
        if (c.kind() != Credential.Kind.OAUTH || c.authFile().isEmpty()) {
            return "";
        }
        String error = refresher.state(c.authFile()).lastError();
        return error == null ? "" : error;
    }

    /** The status word of file {@code name}'s account, or {@code null} when no OAuth account uses that file. */
    public String status(String name) {
        Instant now = clock.instant();
        return live.current().allCredentials().stream()
                .filter(c -> c.kind() == Credential.Kind.OAUTH && c.authFile().equals(name)).findFirst()
                .map(c -> status(c, refresher.state(name), now)).orElse(null);
    }

    /** Deletes the token file of session {@code id} and reloads; empty when there is no such session. */
    public Optional<Session> revoke(String id) throws IOException {
        Optional<Session> s = list().stream().filter(x -> x.id().equals(id)).findFirst();
        if (s.isPresent()) {
            ReentrantLock lock = files.lock(s.get().file());
            lock.lock();
            try {
                Files.deleteIfExists(live.config().authDir().resolve(Path.of(s.get().file()).getFileName()));
            } finally {
                lock.unlock();
            }
            reload.run();
        }
        return s;
    }

    private String status(Credential c, RefreshState s, Instant now) {
        if (c.disabled()) {
            return "disabled";
        }
        if (refresher.refreshing(c.authFile())) {
            return "refreshing";
        }
        if (s.needsLogin()) {
            return "needs_login";
        }
        if (s.lastError() != null) {
            return "error";
        }
        return s.expiry() != null && !now.isBefore(s.expiry()) ? "expired" : "active";
    }
}
