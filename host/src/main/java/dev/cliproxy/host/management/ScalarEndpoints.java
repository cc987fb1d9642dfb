package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cliproxy.host.config.ConfigStore;
import dev.cliproxy.host.requestlog.RequestLogSettings;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Single settings: {@code GET} answers {@code {"<last path segment>": value}} (the default when the key is
 * absent); {@code PUT}/{@code PATCH} take {@code {"value": ...}} of the setting's type; {@code DELETE} clears a
 * string setting that allows it.
 */
final class ScalarEndpoints {

    enum Kind { BOOL, INT, STRING }

    /**
     * One setting.
     *
     * @param route     the path below the management base
     * @param path      the YAML keys from the top of the config
     * @param kind      the value type
     * @param fallback  the value when the key is absent
     * @param deletable whether {@code DELETE} clears it
     * @param normalise for strings: the stored form of a value, or {@code null} when it is not allowed
     */
    record Setting(String route, String[] path, Kind kind, JsonNode fallback, boolean deletable,
                   UnaryOperator<String> normalise) {

        static Setting bool(String route, boolean fallback, String... path) {
            return new Setting(route, path, Kind.BOOL, BooleanNode.valueOf(fallback), false, null);
        }

        static Setting integer(String route, int fallback, String... path) {
            return new Setting(route, path, Kind.INT, IntNode.valueOf(fallback), false, null);
        }

        static Setting string(String route, boolean deletable, String... path) {
            return new Setting(route, path, Kind.STRING, TextNode.valueOf(""), deletable, String::trim);
        }

        String name() {
            return path[path.length - 1];
        }
    }

    static final List<Setting> SETTINGS = List.of(
            Setting.bool("/debug", false, "debug"),
            Setting.string("/proxy-url", true, "proxy-url"),
            Setting.bool("/quota-exceeded/switch-project", true, "quota-exceeded", "switch-project"),
            Setting.bool("/quota-exceeded/switch-preview-model", true, "quota-exceeded", "switch-preview-model"),
            Setting.bool("/request-log", false, "request-log"),
            Setting.integer("/request-retry", 0, "request-retry"),
            Setting.integer("/max-retry-interval", 0, "max-retry-interval"),
            Setting.integer("/max-retry-credentials", 0, "max-retry-credentials"),
            Setting.integer("/logs-max-total-size-mb", (int) RequestLogSettings.DEFAULT_MAX_TOTAL_MB,
                    "logs-max-total-size-mb"),
            Setting.integer("/error-logs-max-files", RequestLogSettings.DEFAULT_MAX_ERROR_FILES,
                    "error-logs-max-files"),
            Setting.bool("/allow-localhost-unauthenticated", false, "allow-localhost-unauthenticated"),
            Setting.bool("/force-model-prefix", false, "force-model-prefix"),
            Setting.bool("/usage-statistics-enabled", false, "usage-statistics-enabled"),
            Setting.bool("/logging-to-file", false, "logging-to-file"),
            new Setting("/routing/strategy", new String[] {"routing", "strategy"}, Kind.STRING,
                    TextNode.valueOf("round-robin"), false, ScalarEndpoints::strategy),
            Setting.bool("/routing/session-affinity", false, "routing", "session-affinity"));

    private ScalarEndpoints() {
    }

    static void register(ManagementRoutes routes, ConfigStore store) {
        SETTINGS.forEach(s -> register(routes, store, s));
    }

    static void register(ManagementRoutes routes, ConfigStore store, Setting s) {
        routes.add(Methods.GET, s.route(), exchange -> Replies.value(exchange, s.name(), current(store, s)));
        routes.add(Methods.PUT, s.route(), exchange -> set(exchange, store, s));
        routes.add(Methods.PATCH, s.route(), exchange -> set(exchange, store, s));
        if (s.deletable()) {
            routes.add(Methods.DELETE, s.route(), exchange -> {
                store.update(doc -> doc.set(s.fallback(), s.path()));
                Replies.ok(exchange);
            });
        }
    }

    private static JsonNode current(ConfigStore store, Setting s) {
        JsonNode v = store.live().config().raw();
        for (String key : s.path()) {
            v = v.path(key);
        }
        return accepts(s.kind(), v) ? v : s.fallback();
    }

    private static void set(HttpServerExchange exchange, ConfigStore store, Setting s) throws Exception {
        JsonNode value = Requests.json(exchange).get("value");
        if (value == null || !accepts(s.kind(), value)) {
            throw ManagementException.invalidBody();
        }
        if (s.kind() == Kind.INT) {
            value = IntNode.valueOf(value.intValue());
        }
        if (s.normalise() != null) {
            String normalised = s.normalise().apply(value.textValue());
            if (normalised == null) {
                throw ManagementException.badRequest("invalid " + s.name());
            }
            value = TextNode.valueOf(normalised);
        }
        JsonNode stored = value;
        store.update(doc -> doc.set(stored, s.path()));
        Replies.ok(exchange);
    }

    private static boolean accepts(Kind kind, JsonNode v) {
        return switch (kind) {
            case BOOL -> v.isBoolean();
            case INT -> v.isIntegralNumber() && v.canConvertToInt();
            case STRING -> v.isTextual();
        };
    }

    /** The routing strategies (with the anchor's short forms), or {@code null}. */
    private static String strategy(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "round-robin", "roundrobin", "rr" -> "round-robin";
            case "fill-first", "fillfirst", "ff" -> "fill-first";
            case "weighted-round-robin", "weightedroundrobin", "wrr" -> "weighted-round-robin";
            default -> null;
        };
    }
}
