package dev.cliproxy.plugin.openaicompat;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Executor;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.NativeRequestAdapter;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.WireFormat;
import java.util.List;
import java.util.Objects;
import org.pf4j.Extension;

/**
 * Any OpenAI Chat Completions upstream listed under {@code openai-compatibility} (OpenRouter, vLLM, Ollama,
 * LiteLLM...): one credential per key of each entry, serving the entry's configured models.
 */
@Extension
public final class OpenAiCompatProvider implements ProviderPlugin {

    /** The provider id. */
    public static final String ID = "openai-compat";

    private volatile HostServices services;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public WireFormat nativeFormat() {
        return WireFormat.OPENAI_CHAT;
    }

    @Override
    public void start(HostServices hostServices) {
        this.services = Objects.requireNonNull(hostServices, "hostServices");
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        return CompatEntries.read(config.section("openai-compatibility"));
    }

    @Override
    public Executor executor() {
        return new CompatExecutor(services.http());
    }

    @Override
    public NativeRequestAdapter requestAdapter() {
        return StreamUsageRequest.ADAPTER;
    }
}
