package dev.cliproxy.plugin.codex;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Executor;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.ModelInfo;
import dev.cliproxy.api.NativeRequestAdapter;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.api.config.ApiKeyEntries;
import java.util.List;
import java.util.Objects;
import org.pf4j.Extension;

/**
 * OpenAI Responses upstreams in API-key mode (the Codex backend or any Responses endpoint): one credential per
 * {@code codex-api-key} entry, which must name its {@code base-url}; calls {@code POST {base-url}/responses}. The
 * Codex backend only streams, so the upstream is always asked for a stream and the host assembles whole answers.
 */
@Extension
public final class CodexProvider implements ProviderPlugin {

    /** The provider id. */
    public static final String ID = "codex";

    private static final ApiKeyEntries ENTRIES = new ApiKeyEntries(ID, "codex-api-key", true);

    private volatile HostServices services;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public WireFormat nativeFormat() {
        return WireFormat.OPENAI_RESPONSES;
    }

    @Override
    public void start(HostServices hostServices) {
        this.services = Objects.requireNonNull(hostServices, "hostServices");
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        return ENTRIES.read(config.section("codex-api-key"));
    }

    @Override
    public List<ModelInfo> defaultModels(Credential credential) {
        return CodexCatalog.MODELS;
    }

    @Override
    public Executor executor() {
        return new CodexExecutor(services.http(), services.clock());
    }

    @Override
    public NativeRequestAdapter requestAdapter() {
        return CodexRequestAdapter.INSTANCE;
    }

    @Override
    public boolean alwaysStreamsUpstream() {
        return true;
    }
}
