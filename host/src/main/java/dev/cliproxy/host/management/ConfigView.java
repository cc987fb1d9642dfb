package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.config.ProxyConfig;
import java.util.List;

/**
 * The live config as JSON for {@code GET /config}, with the Go anchor's key names: every key of the file (unknown
 * ones included) plus the defaults of the settings the server knows. Like the anchor it leaves out
 * {@code host}, {@code port} and {@code auth-dir} (they cannot be changed at runtime and tell a remote reader
 * about the machine) and all of {@code remote-management} (the management key, even hashed, never leaves the
 * server).
 */
final class ConfigView {

    private static final List<String> HIDDEN = List.of("host", "port", "auth-dir", "remote-management",
            "remote-management-key", "allow-remote-management");
    private static final List<String> LISTS = List.of("api-keys", "generative-language-api-key", "gemini-api-key",
            "claude-api-key", "codex-api-key", "openai-compatibility");

    private ConfigView() {
    }

    static ObjectNode of(ProxyConfig config) {
        ObjectNode out = config.raw().isObject() ? ((ObjectNode) config.raw()).deepCopy() : Json.object();
        HIDDEN.forEach(out::remove);
        out.put("debug", config.debug());
        out.put("proxy-url", config.proxyUrl());
        out.put("request-retry", config.requestRetry());
        out.put("max-retry-interval", config.maxRetryInterval());
        out.put("max-retry-credentials", config.failover().maxRetryCredentials());
        out.put("request-log", config.requestLog());
        out.put("allow-localhost-unauthenticated", config.allowLocalhostUnauthenticated());
        out.put("force-model-prefix", config.forceModelPrefix());
        ObjectNode quota = object(out, "quota-exceeded");
        quota.put("switch-project", config.quotaExceeded().switchProject());
        quota.put("switch-preview-model", config.quotaExceeded().switchPreviewModel());
        ObjectNode routing = object(out, "routing");
        routing.put("strategy", config.routing().strategy());
        routing.put("session-affinity", config.routing().sessionAffinity());
        if (!routing.has("session-affinity-ttl")) {
            routing.put("session-affinity-ttl", "1h");
        }
        ObjectNode streaming = object(out, "streaming");
        streaming.put("keepalive-seconds", config.streaming().keepaliveSeconds());
        streaming.put("bootstrap-retries", config.streaming().bootstrapRetries());
        for (String list : LISTS) {
            if (!out.path(list).isArray()) {
                out.putArray(list);
            }
        }
        return out;
    }

    private static ObjectNode object(ObjectNode parent, String key) {
        return parent.get(key) instanceof ObjectNode o ? o : parent.putObject(key);
    }
}
