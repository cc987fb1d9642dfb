package dev.cliproxy.host.management;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Management keys given at start-up rather than in the config file, as in the anchor: the
 * {@code MANAGEMENT_PASSWORD} environment variable (accepted from any caller, and it lets non-loopback callers in
 * as if {@code allow-remote} were on) and the {@code --password} option (accepted from callers on this machine
 * only). Either one turns the management API on even when {@code remote-management.secret-key} is empty; both are
 * accepted in addition to that key. Neither is ever written to the config file, logged, or shown by
 * {@link #toString()}; they are compared in constant time.
 *
 * @param environment the {@code MANAGEMENT_PASSWORD} value, or empty
 * @param local       the {@code --password} value, or empty
 */
public record ManagementPasswords(String environment, String local) {

    /** No start-up password. */
    public static final ManagementPasswords NONE = new ManagementPasswords("", "");

    /** The environment variable the anchor reads. */
    public static final String ENVIRONMENT_VARIABLE = "MANAGEMENT_PASSWORD";

    public ManagementPasswords {
        environment = environment == null ? "" : environment.trim();
        local = local == null ? "" : local.trim();
    }

    /** Whether any start-up password is set (the management API is then on). */
    public boolean any() {
        return !environment.isEmpty() || !local.isEmpty();
    }

    /** Whether non-loopback callers are let in regardless of {@code allow-remote} (the environment password is set). */
    boolean allowsRemote() {
        return !environment.isEmpty();
    }

    /** Whether {@code presented} is one of the passwords; the local one counts only for a caller on this machine. */
    boolean matches(String presented, boolean localCaller) {
        return equal(presented, environment) || localCaller && equal(presented, local);
    }

    private static boolean equal(String presented, String password) {
        return !password.isEmpty() && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ManagementPasswords[environment=" + (environment.isEmpty() ? "" : "***") + ", local="
                + (local.isEmpty() ? "" : "***") + "]";
    }
}
