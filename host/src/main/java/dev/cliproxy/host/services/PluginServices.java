package dev.cliproxy.host.services;

import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.HttpCaller;
import dev.cliproxy.api.login.CredentialStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** The {@link HostServices} handed to every plugin. */
public record PluginServices(Clock clock, MeterRegistry meterRegistry, HttpCaller http,
                             CredentialStore credentialStore) implements HostServices {
}
