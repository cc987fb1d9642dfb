package dev.cliproxy.plugin.claude;

import dev.cliproxy.api.Executor;
import dev.cliproxy.api.NativeRequestAdapter;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.api.config.ApiKeyProvider;
import org.pf4j.Extension;

/**
 * Anthropic Messages upstreams in API-key mode: one credential per {@code claude-api-key} entry, calling
 * {@code {base-url}/v1/messages} (default {@code https://api.anthropic.com}). Entries without {@code models} serve
 * the built-in catalogue of current Claude models.
 */
@Extension
public final class ClaudeProvider extends ApiKeyProvider {

    /** The provider id. */
    public static final String ID = "claude";

    public ClaudeProvider() {
        super(ID, WireFormat.CLAUDE_MESSAGES, "claude-api-key", false, ClaudeCatalog.MODELS);
    }

    @Override
    public Executor executor() {
        return new ClaudeExecutor(services().http(), services().clock());
    }

    @Override
    public NativeRequestAdapter requestAdapter() {
        return ClaudeRequestAdapter.INSTANCE;
    }
}
