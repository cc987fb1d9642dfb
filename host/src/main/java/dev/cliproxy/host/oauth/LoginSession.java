package dev.cliproxy.host.oauth;

import dev.cliproxy.api.LoginRequest;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One browser login waiting for its callback: which login, the request (state, PKCE, redirect) and how it ended.
 * Thread-safe: the callback completes it on one thread while status queries read it on others.
 */
public final class LoginSession {

    /** Where a session stands. */
    public enum Status {
        /** Waiting for the browser to reach the callback. */
        WAIT,
        /** The token file is saved. */
        OK,
        /** The login failed; see {@link #message()}. */
        ERROR
    }

    private final AccountLogins.Entry login;
    private final LoginRequest request;
    private final Instant started;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Status status = Status.WAIT;
    private volatile String message = "";
    private volatile String file = "";
    private volatile Instant ended;

    LoginSession(AccountLogins.Entry login, LoginRequest request, Instant started) {
        this.login = login;
        this.request = request;
        this.started = started;
    }

    /** The login (provider) of this session. */
    public AccountLogins.Entry login() {
        return login;
    }

    /** The OAuth state. */
    public String state() {
        return request.state();
    }

    LoginRequest request() {
        return request;
    }

    /** The authorization URL to open. */
    public String url() {
        return login.login().authorizeUrl(request);
    }

    public Status status() {
        return status;
    }

    /** The error message of a failed session, else empty. */
    public String message() {
        return message;
    }

    /** The saved token file's name once {@link Status#OK}. */
    public String file() {
        return file;
    }

    Instant started() {
        return started;
    }

    Instant ended() {
        return ended;
    }

    /** Ends the session once; later calls change nothing. Returns whether this call ended it. */
    synchronized boolean end(Status result, String text, String savedFile, Instant at) {
        if (status != Status.WAIT) {
            return false;
        }
        this.message = text;
        this.file = savedFile;
        this.ended = at;
        this.status = result;
        done.countDown();
        return true;
    }

    /** Waits up to {@code timeout} for the session to end; returns whether it did. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }
}
