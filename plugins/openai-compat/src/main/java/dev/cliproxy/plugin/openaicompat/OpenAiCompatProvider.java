package dev.cliproxy.plugin.openaicompat;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.api.config.ConfiguredHeaders;
import java.util.List;
import org.pf4j.Extension;

/**
 * Any OpenAI Chat Completions upstream listed under {@code openai-compatibility} (OpenRouter, vLLM, Ollama,
 * LiteLLM...): one credential per key of each entry, serving the entry's configured models. Calls
 * {@code POST {base-url}/chat/completions} with {@code Authorization: Bearer <key>} (omitted when the entry has no
 * key) and the entry's headers. These upstreams cannot count tokens; the host estimates instead. Failures follow
 * the status rule.
 */
@Extension
public final class OpenAiCompatProvider implements ProviderPlugin {

    /** The provider id. */
    public static final String ID = "openai-compat";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public WireFormat nativeFormat() {
        return WireFormat.OPENAI_CHAT;
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        return CompatEntries.read(config.section("openai-compatibility"));
    }

    @Override
    public boolean supports(Operation operation, Credential credential) {
        return operation != Operation.COUNT_TOKENS;
    }

    @Override
    public UpstreamRequest describe(UpstreamCall call) {
        if (call.operation() == Operation.COMPACT) {
            return ConfiguredHeaders.apply(call, UpstreamRequest.post(call.credential().baseUrl() + "/responses/compact")
                    .header("Authorization", call.secret().isEmpty() ? "" : "Bearer " + call.secret())
                    .body(call.body())).build();
        }
        UpstreamRequest.Builder request = UpstreamRequest.post(call.credential().baseUrl() + "/chat/completions")
                .header("User-Agent", "cli-proxy-openai-compat")
                .header("Authorization", call.secret().isEmpty() ? "" : "Bearer " + call.secret())
                .streaming(call.stream())
                .body(StreamUsageRequest.adapt(call, call.body()));
        if (call.stream()) {
            request.header("Cache-Control", "no-cache");
        }
        return ConfiguredHeaders.apply(call, request).build();
    }
}
