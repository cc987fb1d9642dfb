package dev.cliproxy.host.metrics;

/**
 * Decides whether a presented management key is right. The management API's own verifier can be plugged in here;
 * {@link BcryptManagementKeyCheck} is the stand-alone one.
 */
@FunctionalInterface
public interface ManagementKeyCheck {

    /** Whether {@code presented} (never null) is the management key. */
    boolean matches(String presented);
}
