package dev.cliproxy.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.host.payload.PayloadRules;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param passthroughHeaders            relay the upstream's response headers to the client (filtered, see
 *                                      {@code pipeline.RelayedHeaders})
 * @param remoteManagement              management API access
 * @param quotaExceeded                 quota behaviour switches
 * @param routing                       credential selection
 * @param streaming                     stream keep-alives and bootstrap retries
 * @param timeouts                      upstream timeouts
 * @param failover                      cooldowns and failover limits (top-level keys, see {@link Failover})
 * @param plugins                       plugin folder
 * @param payload                       {@code payload} rules: edits to upstream request bodies
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
        boolean passthroughHeaders,
        RemoteManagement remoteManagement,
        QuotaExceeded quotaExceeded,
        Routing routing,
        Streaming streaming,
        Timeouts timeouts,
        Failover failover,
        Plugins plugins,
        PayloadRules payload,
        JsonNode raw,
        Path source) {

    /** Default listen port. */
    public static final int DEFAULT_PORT = 8317;

    public ProxyConfig {
        host = host == null ? "" : host.trim();
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        proxyUrl = proxyUrl == null ? "" : proxyUrl.trim();
        payload = payload == null ? PayloadRules.NONE : payload;
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

    /**
     * {@code routing.*}: the strategy, {@code round-robin} (default), {@code fill-first} or
     * {@code weighted-round-robin} (by each credential's {@code weight}), stored in that canonical spelling;
     * {@code session-affinity} (keep a client session on the credential that served it, default off) and
     * {@code session-affinity-ttl} (how long such a binding lasts, a Go duration such as {@code 1h}, the default).
     */
    public record Routing(String strategy, boolean sessionAffinity, Duration sessionAffinityTtl) {
        public static final Duration DEFAULT_SESSION_AFFINITY_TTL = Duration.ofHours(1);
        public static final Routing DEFAULT = new Routing("round-robin", false, DEFAULT_SESSION_AFFINITY_TTL);

        /**
         * The canonical name of a strategy, accepting the anchor's spellings ({@code rr}, {@code roundrobin},
         * {@code ff}, {@code fillfirst}, {@code wrr}, {@code weighted}...); {@code null} when unknown.
         */
        public static String canonical(String value) {
            String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            return switch (v) {
                case "", "round-robin", "roundrobin", "rr" -> "round-robin";
                case "fill-first", "fillfirst", "ff" -> "fill-first";
                case "weighted-round-robin", "weightedroundrobin", "weighted", "wrr" -> "weighted-round-robin";
                default -> null;
            };
        }
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

    /**
     * Cooldown and failover settings, bound from top-level keys: {@code max-retry-credentials} (credentials tried per
     * round, 0 = all), {@code transient-error-cooldown-seconds} (cooldown after 408/5xx/connection errors; 0 means
     * the default 60, -1 none), {@code disable-cooling} (failures are recorded but never bench a credential) and
     * {@code quota-cooldown-cap-seconds} (the longest a quota error may bench a credential, whatever reset time the
     * upstream names; default 1800).
     */
    public record Failover(int maxRetryCredentials, int transientErrorCooldownSeconds, boolean disableCooling,
                           int quotaCooldownCapSeconds) {
        public static final Failover DEFAULT = new Failover(0, 60, false, 1800);
    }

    /**
     * {@code plugins.*}: the folder plugin jars are loaded from (read at start-up) and the plugin ids whose providers
     * serve requests ({@code enabled}: {@code "*"}, the default, for every plugin; hot-reloadable).
     *
     * @param dir     the plugins folder
     * @param enabled the enabled plugin ids, or {@code ["*"]} for all
     */
    public record Plugins(String dir, List<String> enabled) {
        /** The value of {@code enabled} that enables every plugin. */
        public static final String ALL = "*";
        public static final Plugins DEFAULT = new Plugins("plugins", List.of(ALL));

        public Plugins {
            enabled = List.copyOf(enabled);
        }

        /** Whether the providers of plugin {@code id} serve requests. */
        public boolean enables(String id) {
            return enabled.contains(ALL) || enabled.contains(id);
        }
    }

    /** Whether any client key is configured. */
    public boolean hasApiKeys() {
        return !apiKeys.isEmpty();
    }
}
