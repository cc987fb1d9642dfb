package dev.cliproxy.host.plugins;

import java.util.Locale;

/** Where a plugin stands, as {@code GET /v0/management/plugins} shows it. */
public enum PluginStatus {
    /** Loaded, and its providers serve requests. */
    STARTED,
    /** Loaded, but not listed in {@code plugins.enabled}: its providers serve nothing. */
    DISABLED,
    /** The jar could not be loaded or its providers could not be started; the reason says why. */
    FAILED,
    /** The jar was built against a plugin-api version this host does not provide. */
    INCOMPATIBLE;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
