package dev.cliproxy.host.plugins;

/**
 * A plugin jar the host did not load, and why.
 *
 * @param id      the jar's {@code Plugin-Id}
 * @param version the jar's {@code Plugin-Version}
 * @param path    where the jar is
 * @param reason  a sentence a user can act on
 */
public record RefusedPlugin(String id, String version, String path, String reason) {
}
