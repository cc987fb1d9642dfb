package dev.cliproxy.host.config;

/**
 * The live configuration as the config store sees it: the one in force, and how a new one becomes live (credentials
 * re-read, routes rebuilt). Implemented by the host's live state; the config package knows nothing more of it.
 */
public interface LiveConfig {

    /** The configuration in force. */
    ProxyConfig config();

    /** Makes {@code config} live; the next request sees it. */
    void makeLive(ProxyConfig config);
}
