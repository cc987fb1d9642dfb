package dev.cliproxy.host.routing;

import dev.cliproxy.host.upstream.UpstreamException;
import java.time.Instant;

/**
 * Every credential that serves a model is cooling down: nothing (more) could be tried. Carries when the first one
 * comes back, so the client gets a truthful {@code Retry-After}, and the real upstream error behind the cooldown.
 */
public final class AllCoolingException extends RuntimeException {

    private final String model;
    private final Instant availableAt;
    private final transient RememberedFailure lastFailure;
    private final transient UpstreamException attemptFailure;

    /**
     * @param model          the client model name
     * @param availableAt    when the first candidate becomes available again
     * @param lastFailure    the most recent upstream failure recorded for the pool, or {@code null}
     * @param attemptFailure the last failure of this request's own attempts, or {@code null} when none was made
     */
    public AllCoolingException(String model, Instant availableAt, RememberedFailure lastFailure,
                               UpstreamException attemptFailure) {
        super("All credentials for model " + model + " are cooling down"
                + (lastFailure == null ? "" : "; last upstream error: " + lastFailure.describe()));
        this.model = model;
        this.availableAt = availableAt;
        this.lastFailure = lastFailure;
        this.attemptFailure = attemptFailure;
    }

    public String model() {
        return model;
    }

    /** When the first credential becomes available again. */
    public Instant availableAt() {
        return availableAt;
    }

    /** The most recent upstream failure behind the cooldowns, or {@code null} if none is known. */
    public RememberedFailure lastFailure() {
        return lastFailure;
    }

    /** This request's own last upstream failure, or {@code null} when every credential was already cooling. */
    public UpstreamException attemptFailure() {
        return attemptFailure;
    }
}
