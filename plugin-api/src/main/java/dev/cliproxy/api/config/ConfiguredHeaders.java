package dev.cliproxy.api.config;

import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamRequest;
import java.util.Locale;

/**
 * Applies a credential's configured {@code headers} to an upstream request. A value starting with {@code $} names
 * a client request header whose value is copied (e.g. {@code X-Session: $x-session-id}); the header is left out
 * when the client did not send it. Configured headers replace the plugin's own headers of the same name.
 */
public final class ConfiguredHeaders {

    private ConfiguredHeaders() {
    }

    /** Sets the headers of {@code call}'s credential on {@code request}, resolving {@code $name} references. */
    public static UpstreamRequest.Builder apply(UpstreamCall call, UpstreamRequest.Builder request) {
        call.credential().headers().forEach((name, value) -> request.header(name, value.startsWith("$")
                ? call.clientHeader(value.substring(1).toLowerCase(Locale.ROOT), "") : value));
        return request;
    }
}
