package dev.cliproxy.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.host.payload.PayloadRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Binds a {@link YamlTree} to a {@link ProxyConfig}: known keys are type-checked (errors name the key, line and
 * column), absent keys take their defaults, unknown keys are kept in {@link ProxyConfig#raw()}.
 */
final class ConfigBinder {

    private final YamlTree tree;

    ConfigBinder(YamlTree tree) {
        this.tree = tree;
    }

    ProxyConfig bind(Path source) {
        JsonNode root = tree.root();
        JsonNode rm = root.path("remote-management");
        String secret = string(rm, "secret-key", string(root, "remote-management-key", ""));
        boolean allowRemote = bool(rm, "allow-remote", bool(root, "allow-remote-management", false));
        JsonNode tls = root.path("tls");
        JsonNode quota = root.path("quota-exceeded");
        JsonNode streaming = root.path("streaming");
        JsonNode timeouts = root.path("timeouts");
        int port = integer(root, "port", ProxyConfig.DEFAULT_PORT);
        if (port < 0 || port > 65535) {
            throw error(root.get("port"), "'port' must be between 0 and 65535");
        }
        return new ProxyConfig(
                string(root, "host", ""),
                port,
                new ProxyConfig.TlsConfig(bool(tls, "enable", false), string(tls, "cert", ""), string(tls, "key", "")),
                ConfigPaths.expandHome(string(root, "auth-dir", ConfigPaths.DEFAULT_AUTH_DIR)),
                apiKeys(root.get("api-keys")),
                bool(root, "debug", false),
                string(root, "proxy-url", ""),
                Math.max(0, integer(root, "request-retry", 0)),
                Math.max(0, integer(root, "max-retry-interval", 0)),
                bool(root, "request-log", false),
                bool(root, "allow-localhost-unauthenticated", false),
                bool(root, "force-model-prefix", false),
                bool(root, "passthrough-headers", false),
                new ProxyConfig.RemoteManagement(allowRemote, secret, bool(rm, "disable-control-panel", false)),
                new ProxyConfig.QuotaExceeded(bool(quota, "switch-project", true),
                        bool(quota, "switch-preview-model", true)),
                routing(root.path("routing")),
                new ProxyConfig.Streaming(Math.max(0, integer(streaming, "keepalive-seconds", 0)),
                        Math.max(0, integer(streaming, "bootstrap-retries", 0))),
                new ProxyConfig.Timeouts(
                        positive(timeouts, "connect-seconds", ProxyConfig.Timeouts.DEFAULT.connectSeconds()),
                        positive(timeouts, "first-byte-seconds", ProxyConfig.Timeouts.DEFAULT.firstByteSeconds())),
                failover(root),
                plugins(root.path("plugins")),
                payload(root),
                root,
                source);
    }

    private ProxyConfig.Routing routing(JsonNode routing) {
        String strategy = ProxyConfig.Routing.canonical(string(routing, "strategy", ""));
        if (strategy == null) {
            throw error(routing.get("strategy"),
                    "'routing.strategy' must be round-robin, fill-first or weighted-round-robin");
        }
        Duration ttl = ProxyConfig.Routing.DEFAULT_SESSION_AFFINITY_TTL;
        String ttlText = string(routing, "session-affinity-ttl", "");
        if (!ttlText.isEmpty()) {
            try {
                ttl = GoDuration.parse(ttlText);
            } catch (IllegalArgumentException e) {
                ttl = Duration.ZERO;
            }
            if (ttl.isNegative() || ttl.isZero()) {
                throw error(routing.get("session-affinity-ttl"),
                        "'routing.session-affinity-ttl' must be a positive duration such as 1h, 30m or 2h30m");
            }
        }
        return new ProxyConfig.Routing(strategy, bool(routing, "session-affinity", false), ttl);
    }

    private PayloadRules payload(JsonNode root) {
        try {
            return PayloadRules.parse(root.get("payload"));
        } catch (IllegalArgumentException e) {
            throw error(root.get("payload"), e.getMessage());
        }
    }

    private ProxyConfig.Failover failover(JsonNode root) {
        int transientCooldown = integer(root, "transient-error-cooldown-seconds", 0);
        return new ProxyConfig.Failover(Math.max(0, integer(root, "max-retry-credentials", 0)),
                transientCooldown == 0 ? ProxyConfig.Failover.DEFAULT.transientErrorCooldownSeconds()
                        : Math.max(-1, transientCooldown),
                bool(root, "disable-cooling", false),
                positive(root, "quota-cooldown-cap-seconds", ProxyConfig.Failover.DEFAULT.quotaCooldownCapSeconds()));
    }

    private ProxyConfig.Plugins plugins(JsonNode plugins) {
        String dir = string(plugins, "dir", ProxyConfig.Plugins.DEFAULT.dir());
        JsonNode enabled = plugins.get("enabled");
        if (enabled == null || enabled.isNull()) {
            return new ProxyConfig.Plugins(dir, ProxyConfig.Plugins.DEFAULT.enabled());
        }
        if (enabled.isTextual() && enabled.asText().trim().equals(ProxyConfig.Plugins.ALL)) {
            return new ProxyConfig.Plugins(dir, List.of(ProxyConfig.Plugins.ALL));
        }
        if (!enabled.isArray()) {
            throw error(enabled, "'plugins.enabled' must be \"*\" or a list of plugin ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode item : enabled) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw error(item, "'plugins.enabled' entries must be plugin ids");
            }
            ids.add(item.asText().trim());
        }
        return new ProxyConfig.Plugins(dir, List.copyOf(ids));
    }

    private List<String> apiKeys(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error(node, "'api-keys' must be a list of strings");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isValueNode() || item.isNull()) {
                throw error(item, "'api-keys' entries must be strings");
            }
            String key = item.asText().trim();
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        return new ArrayList<>(keys);
    }

    private String string(JsonNode parent, String key, String fallback) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode()) {
            throw error(v, "'" + key + "' must be a string");
        }
        return v.asText().trim();
    }

    private boolean bool(JsonNode parent, String key, boolean fallback) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw error(v, "'" + key + "' must be true or false");
        }
        return v.booleanValue();
    }

    private int integer(JsonNode parent, String key, int fallback) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(v, "'" + key + "' must be an integer");
        }
        return v.intValue();
    }

    private int positive(JsonNode parent, String key, int fallback) {
        int v = integer(parent, key, fallback);
        return v > 0 ? v : fallback;
    }

    private ConfigException error(JsonNode node, String message) {
        return new ConfigException(tree.sourceName() + tree.locate(node) + ": " + message);
    }
}
