package dev.cliproxy.host.services;

import dev.cliproxy.api.CredentialStore;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.HttpCaller;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** The {@link HostServices} handed to every plugin. */
public record PluginServices(Clock clock, MeterRegistry meterRegistry, HttpCaller http,
                             CredentialStore credentialStore) implements HostServices {
}
