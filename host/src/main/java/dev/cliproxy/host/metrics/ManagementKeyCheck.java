package dev.cliproxy.host.metrics;

/**
 * Decides whether a presented management key is right; the server plugs in the management API's own verifier.
 */
@FunctionalInterface
public interface ManagementKeyCheck {

    /** Whether {@code presented} (never null) is the management key. */
    boolean matches(String presented);
}
