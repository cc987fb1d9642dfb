package dev.cliproxy.api.config;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.ModelInfo;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.WireFormat;
import java.util.List;
import java.util.Objects;

/**
 * Base of a provider in API-key mode: one credential per entry of its config section (read by
 * {@link ApiKeyEntries}), a built-in catalogue for entries that list no models, and the host's services kept from
 * {@link #start} for the executor. Subclasses add the executor and whatever else their upstream needs.
 */
public abstract class ApiKeyProvider implements ProviderPlugin {

    private final String id;
    private final WireFormat nativeFormat;
    private final String section;
    private final ApiKeyEntries entries;
    private final List<ModelInfo> catalogue;
    private volatile HostServices services;

    /**
     * @param id              the provider id
     * @param nativeFormat    the upstream's wire format
     * @param section         the config section of its entries, e.g. {@code claude-api-key}
     * @param baseUrlRequired whether an entry without {@code base-url} is skipped
     * @param catalogue       the models of an entry that lists none
     */
    protected ApiKeyProvider(String id, WireFormat nativeFormat, String section, boolean baseUrlRequired,
                             List<ModelInfo> catalogue) {
        this.id = id;
        this.nativeFormat = nativeFormat;
        this.section = section;
        this.entries = new ApiKeyEntries(id, section, baseUrlRequired);
        this.catalogue = List.copyOf(catalogue);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final WireFormat nativeFormat() {
        return nativeFormat;
    }

    @Override
    public void start(HostServices hostServices) {
        this.services = Objects.requireNonNull(hostServices, "hostServices");
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        return entries.read(config.section(section));
    }

    @Override
    public List<ModelInfo> defaultModels(Credential credential) {
        return catalogue;
    }

    /** The host's services; only after {@link #start}. */
    protected final HostServices services() {
        HostServices s = services;
        if (s == null) {
            throw new IllegalStateException("provider " + id + " has not been started");
        }
        return s;
    }
}
