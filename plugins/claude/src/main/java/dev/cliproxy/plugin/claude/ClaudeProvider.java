package dev.cliproxy.plugin.claude;

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
 * Anthropic Messages upstreams in API-key mode: one credential per {@code claude-api-key} entry, calling
 * {@code {base-url}/v1/messages} (default {@code https://api.anthropic.com}). Entries without {@code models} serve
 * the built-in catalogue of current Claude models.
 */
@Extension
public final class ClaudeProvider implements ProviderPlugin {

    /** The provider id. */
    public static final String ID = "claude";

    private static final ApiKeyEntries ENTRIES = new ApiKeyEntries(ID, "claude-api-key", false);

    private volatile HostServices services;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public WireFormat nativeFormat() {
        return WireFormat.CLAUDE_MESSAGES;
    }

    @Override
    public void start(HostServices hostServices) {
        this.services = Objects.requireNonNull(hostServices, "hostServices");
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        return ENTRIES.read(config.section("claude-api-key"));
    }

    @Override
    public List<ModelInfo> defaultModels(Credential credential) {
        return ClaudeCatalog.MODELS;
    }

    @Override
    public Executor executor() {
        return new ClaudeExecutor(services.http(), services.clock());
    }

    @Override
    public NativeRequestAdapter requestAdapter() {
        return ClaudeRequestAdapter.INSTANCE;
    }
}
