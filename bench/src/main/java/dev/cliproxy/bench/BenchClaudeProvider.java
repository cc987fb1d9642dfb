package dev.cliproxy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ModelAlias;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.api.WireFormat;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * A minimal Anthropic Messages provider for the benchmark ({@code bench-claude} config section: {@code base-url},
 * {@code api-key}, {@code models}), so that the OpenAI-client-to-Claude-upstream translation can be measured whatever
 * state the real Claude plugin is in. It adds nothing of its own: {@code POST {base-url}/v1/messages} with
 * {@code x-api-key} and {@code anthropic-version}; every translation cost is the host's.
 */
@Extension
public final class BenchClaudeProvider implements ProviderPlugin {

    @Override
    public String id() {
        return "bench-claude";
    }

    @Override
    public WireFormat nativeFormat() {
        return WireFormat.CLAUDE_MESSAGES;
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        List<Credential> out = new ArrayList<>();
        for (JsonNode e : config.section("bench-claude")) {
            String base = e.path("base-url").asText("");
            String key = e.path("api-key").asText("");
            List<ModelAlias> models = new ArrayList<>();
            e.path("models").forEach(m -> models.add(new ModelAlias(m.asText(), "")));
            out.add(Credential.builder(Credential.stableId(id(), base, key), id()).label("bench").secret(key)
                    .baseUrl(base).models(models).build());
        }
        return out;
    }

    @Override
    public UpstreamRequest describe(UpstreamCall call) {
        return UpstreamRequest.post(call.credential().baseUrl() + "/v1/messages")
                .header("x-api-key", call.secret())
                .header("anthropic-version", "2023-06-01")
                .streaming(call.stream())
                .body(call.body())
                .build();
    }
}
