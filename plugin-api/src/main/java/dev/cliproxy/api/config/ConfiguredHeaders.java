package dev.cliproxy.api.config;

import dev.cliproxy.api.UpstreamCall;
import java.util.Locale;
import java.util.Map;

/**
 * Applies a credential's configured {@code headers} to an upstream request. A value starting with {@code $} names
 * a client request header whose value is copied (e.g. {@code X-Session: $x-session-id}); the header is left out
 * when the client did not send it. Configured headers replace the plugin's own headers of the same name.
 */
public final class ConfiguredHeaders {

    private ConfiguredHeaders() {
    }

    /** Puts the headers of {@code call}'s credential into {@code target}, resolving {@code $name} references. */
    public static void apply(UpstreamCall call, Map<String, String> target) {
        call.credential().headers().forEach((name, value) -> {
            String resolved = value.startsWith("$")
                    ? call.clientHeader(value.substring(1).toLowerCase(Locale.ROOT), "") : value;
            target.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            if (!resolved.isEmpty()) {
                target.put(name, resolved);
            }
        });
    }
}
