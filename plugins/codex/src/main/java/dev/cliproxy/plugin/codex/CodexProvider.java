package dev.cliproxy.plugin.codex;

import dev.cliproxy.api.Executor;
import dev.cliproxy.api.NativeRequestAdapter;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.api.config.ApiKeyProvider;
import org.pf4j.Extension;

/**
 * OpenAI Responses upstreams in API-key mode (the Codex backend or any Responses endpoint): one credential per
 * {@code codex-api-key} entry, which must name its {@code base-url}; calls {@code POST {base-url}/responses}. The
 * Codex backend only streams, so the upstream is always asked for a stream and the host assembles whole answers.
 */
@Extension
public final class CodexProvider extends ApiKeyProvider {

    /** The provider id. */
    public static final String ID = "codex";

    public CodexProvider() {
        super(ID, WireFormat.OPENAI_RESPONSES, "codex-api-key", true, CodexCatalog.MODELS);
    }

    @Override
    public Executor executor() {
        return new CodexExecutor(services().http(), services().clock());
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
