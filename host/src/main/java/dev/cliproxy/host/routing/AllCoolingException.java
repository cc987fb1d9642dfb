package dev.cliproxy.host.routing;

import java.time.Instant;

/** Every credential that serves a model is cooling down; nothing could be tried. */
public final class AllCoolingException extends RuntimeException {

    private final String model;
    private final Instant availableAt;

    public AllCoolingException(String model, Instant availableAt, String lastError) {
        super("All credentials for model " + model + " are cooling down"
                + (lastError == null ? "" : "; last upstream error: " + lastError));
        this.model = model;
        this.availableAt = availableAt;
    }

    public String model() {
        return model;
    }

    /** When the first credential becomes available again ({@code null} if unknown). */
    public Instant availableAt() {
        return availableAt;
    }
}
