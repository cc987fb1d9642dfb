package dev.cliproxy.host.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The upstream response headers relayed to the client with {@code passthrough-headers: true}: rate-limit and
 * request-id headers and the like, never hop-by-hop headers, cookies, body framing (the proxy frames its own
 * answer), the proxy's own ids, gateway internals ({@code cf-}, {@code x-envoy-}, {@code x-amz}...), or anything
 * that could carry a credential.
 */
final class RelayedHeaders {

    private static final Set<String> DROPPED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade",
            "set-cookie", "set-cookie2", "cookie", "authorization", "www-authenticate", "content-length",
            "content-encoding", "content-type", "date", "server", "via", "alt-svc", "x-request-id",
            "strict-transport-security");
    private static final List<String> DROPPED_PREFIXES = List.of("cf-", "x-envoy-", "x-amz", "x-cpa-", "x-goog-",
            "x-cloud-trace", "x-forwarded-", "x-real-ip", "access-control-");
    private static final List<String> SECRET_WORDS = List.of("token", "secret", "api-key", "apikey", "password",
            "session", "cookie", "auth");

    private RelayedHeaders() {
    }

    /** The headers to add to the client's answer: empty unless {@code enabled}. */
    static Map<String, String> of(boolean enabled, Map<String, List<String>> upstream) {
        if (!enabled || upstream.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        upstream.forEach((name, values) -> {
            if (name != null && !values.isEmpty() && relayed(name.toLowerCase(Locale.ROOT))) {
                out.put(name, values.getFirst());
            }
        });
        return out;
    }

    /** {@code base} plus {@code relayed}; {@code base} wins where both name a header. */
    static Map<String, String> merged(Map<String, String> base, Map<String, String> relayed) {
        if (relayed.isEmpty()) {
            return base;
        }
        Map<String, String> out = new LinkedHashMap<>(relayed);
        base.forEach((k, v) -> {
            out.keySet().removeIf(n -> n.equalsIgnoreCase(k));
            out.put(k, v);
        });
        return out;
    }

    private static boolean relayed(String name) {
        if (name.isEmpty() || name.startsWith(":") || DROPPED.contains(name)) {
            return false;
        }
        for (String p : DROPPED_PREFIXES) {
            if (name.startsWith(p)) {
                return false;
            }
        }
        for (String w : SECRET_WORDS) {
            if (name.contains(w)) {
                return false;
            }
        }
        return true;
    }
}
