package dev.cliproxy.host.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.host.config.ProxyConfig;
import java.util.Locale;

/**
 * The {@code metrics} section of the config:
 * <pre>
 * metrics:
 *   port: 9464            # serve /metrics on its own port instead of the main one (0 or absent: main port)
 *   auth: api-key         # off | api-key | management-key; absent: loopback callers need nothing, others api-key
 * </pre>
 *
 * @param port its own port, or 0 to serve on the main port
 * @param auth the access rule
 */
public record MetricsSettings(int port, Auth auth) {

    /** Who may scrape {@code /metrics}. */
    public enum Auth {
        /** Anyone who can reach the port. */
        OFF,
        /** A client key from {@code api-keys}, presented as for the model API. */
        API_KEY,
        /** The management key ({@code remote-management.secret-key}). */
        MANAGEMENT_KEY,
        /** The default: loopback callers need nothing, others a client key. */
        LOOPBACK_OR_API_KEY
    }

    /** Reads the settings from {@code config}; unknown values fall back to the default with a clear error. */
    public static MetricsSettings of(ProxyConfig config) {
        JsonNode m = config.raw() == null ? null : config.raw().path("metrics");
        if (m == null || !m.isObject()) {
            return new MetricsSettings(0, Auth.LOOPBACK_OR_API_KEY);
        }
        int port = m.path("port").asInt(0);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("metrics.port must be between 0 and 65535");
        }
        return new MetricsSettings(port, auth(m.path("auth")));
    }

    private static Auth auth(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Auth.LOOPBACK_OR_API_KEY;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? Auth.API_KEY : Auth.OFF;
        }
        return switch (node.asText("").trim().toLowerCase(Locale.ROOT)) {
            case "off", "none", "false" -> Auth.OFF;
            case "api-key", "api-keys" -> Auth.API_KEY;
            case "management-key", "management" -> Auth.MANAGEMENT_KEY;
            default -> throw new IllegalArgumentException("metrics.auth must be off, api-key or management-key, not '"
                    + node.asText() + "'");
        };
    }
}
