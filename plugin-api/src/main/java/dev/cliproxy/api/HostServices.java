package dev.cliproxy.api;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * What the host gives a plugin in {@link ProviderPlugin#start}: the clock, the metrics registry, a blocking HTTP
 * client for login and refresh flows, and the store of token files. Plugins use these rather than their own clocks,
 * clients or files, so that proxies, logs and tests work the same for every provider. New services are added as
 * default methods.
 */
public interface HostServices {

    /** The host clock; use it for every expiry decision so tests stay deterministic. */
    Clock clock();

    /** The host's metrics registry; plugin meters should be prefixed with {@code cliproxy.plugin.<id>}. */
    MeterRegistry meterRegistry();

    /** The blocking client for login, refresh and discovery calls (never for model calls). */
    HttpCaller http();

    /** The token files of {@code auth-dir}: read, and written atomically at 0600 without a full reload. */
    CredentialStore credentialStore();
}
