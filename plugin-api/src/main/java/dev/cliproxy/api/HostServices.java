package dev.cliproxy.api;

import dev.cliproxy.api.http.UpstreamHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * What the host gives a plugin: the upstream HTTP client (honouring {@code proxy-url}, timeouts, cancellation and
 * request logging), a token cache, the metrics registry and the clock. Plugins must use these rather than their own
 * HTTP clients or clocks, so that proxies, logs and tests work the same for every provider.
 */
public interface HostServices {

    /** The shared upstream HTTP client. */
    UpstreamHttp http();

    /** A bounded cache for access tokens and similar short-lived values. */
    TokenCache tokenCache();

    /** The host's metrics registry; plugin meters should be prefixed with {@code cliproxy.plugin.<id>}. */
    MeterRegistry meterRegistry();

    /** The host clock; use it for every expiry decision so tests stay deterministic. */
    Clock clock();
}
