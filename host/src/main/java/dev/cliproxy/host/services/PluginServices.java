package dev.cliproxy.host.services;

import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.TokenCache;
import dev.cliproxy.api.http.UpstreamHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** The {@link HostServices} handed to every plugin. */
public record PluginServices(UpstreamHttp http, TokenCache tokenCache, MeterRegistry meterRegistry, Clock clock)
        implements HostServices {
}
