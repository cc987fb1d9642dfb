package dev.cliproxy.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * The live configuration, bound from {@code config.yaml} with the Go anchor's key names. Provider sections
 * ({@code claude-api-key}, {@code openai-compatibility}...) are read by their plugins from {@link #raw()}; unknown
 * keys stay in {@link #raw()} untouched.
 *
 * @param host                          bind address; empty binds every interface
 * @param port                          listen port (default 8317)
 * @param tls                           HTTPS settings
 * @param authDir                       token-file folder, {@code ~} expanded
 * @param apiKeys                       client keys (trimmed, de-duplicated, blanks dropped)
 * @param debug                         verbose logging
 * @param proxyUrl                      global upstream proxy, or empty
 * @param requestRetry                  extra rounds over the credentials after a retryable failure
 * @param maxRetryInterval              longest wait in seconds for a cooldown to end before another round
 * @param requestLog                    write every request and response to the logs folder
 * @param allowLocalhostUnauthenticated let loopback callers in without a client key
 * @param forceModelPrefix              a credential with a prefix serves only prefixed model names
 * @param remoteManagement              management API access
 * @param quotaExceeded                 quota behaviour switches
 * @param routing                       credential selection
 * @param streaming                     stream keep-alives and bootstrap retries
 * @param timeouts                      upstream timeouts
 * @param plugins                       plugin folder
 * @param raw                           the whole document as a JSON tree, for plugins and unknown keys
 * @param source                        the file it came from, or {@code null} for built-in defaults
 */
public record ProxyConfig(
        String host,
        int port,
        TlsConfig tls,
        Path authDir,
        List<String> apiKeys,
        boolean debug,
        String proxyUrl,
        int requestRetry,
        int maxRetryInterval,
        boolean requestLog,
        boolean allowLocalhostUnauthenticated,
        boolean forceModelPrefix,
        RemoteManagement remoteManagement,
        QuotaExceeded quotaExceeded,
        Routing routing,
        Streaming streaming,
        Timeouts timeouts,
        Plugins plugins,
        JsonNode raw,
        Path source) {

    /** Default listen port. */
    public static final int DEFAULT_PORT = 8317;

    public ProxyConfig {
        host = host == null ? "" : host.trim();
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        proxyUrl = proxyUrl == null ? "" : proxyUrl.trim();
    }

    /** {@code tls.*}: HTTPS with a PEM certificate chain and private key. */
    public record TlsConfig(boolean enable, String cert, String key) {
        public static final TlsConfig OFF = new TlsConfig(false, "", "");
    }

    /**
     * {@code remote-management.*}: the management key (plaintext or bcrypt hash) and whether non-loopback callers
     * may use the management API.
     */
    public record RemoteManagement(boolean allowRemote, String secretKey, boolean disableControlPanel) {
        public static final RemoteManagement DISABLED = new RemoteManagement(false, "", false);

        /** Whether the management API is enabled at all. */
        public boolean enabled() {
            return secretKey != null && !secretKey.isEmpty();
        }

        @Override
        public String toString() {
            return "RemoteManagement[allowRemote=" + allowRemote + ", secretKey=" + (enabled() ? "***" : "")
                    + ", disableControlPanel=" + disableControlPanel + "]";
        }
    }

    /** {@code quota-exceeded.*}: what to do when an account runs out of quota. */
    public record QuotaExceeded(boolean switchProject, boolean switchPreviewModel) {
        public static final QuotaExceeded DEFAULT = new QuotaExceeded(true, true);
    }

    /** {@code routing.*}: {@code round-robin} (default), {@code fill-first} or {@code weighted-round-robin}. */
    public record Routing(String strategy) {
        public static final Routing DEFAULT = new Routing("round-robin");
    }

    /** {@code streaming.*}: SSE keep-alive comment interval (0 = off) and extra attempts before the first byte. */
    public record Streaming(int keepaliveSeconds, int bootstrapRetries) {
        public static final Streaming DEFAULT = new Streaming(0, 0);
    }

    /**
     * {@code timeouts.*}: connect timeout and time to the upstream's response headers, in seconds. There is no
     * read timeout once a body flows: reasoning models may think for minutes.
     */
    public record Timeouts(int connectSeconds, int firstByteSeconds) {
        public static final Timeouts DEFAULT = new Timeouts(15, 600);
    }

    /** {@code plugins.*}: the folder plugin jars are loaded from. */
    public record Plugins(String dir) {
        public static final Plugins DEFAULT = new Plugins("plugins");
    }

    /** Whether any client key is configured. */
    public boolean hasApiKeys() {
        return !apiKeys.isEmpty();
    }
}
