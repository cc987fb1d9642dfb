package dev.cliproxy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Executor;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.ModelAlias;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.host.upstream.UpstreamExchange;
import dev.cliproxy.host.upstream.UpstreamHttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * A minimal Anthropic Messages provider for the benchmark ({@code bench-claude} config section: {@code base-url},
 * {@code api-key}, {@code models}), so that the OpenAI-client-to-Claude-upstream translation can be measured whatever
 * state the real Claude plugin is in. It adds nothing of its own: {@code POST {base-url}/v1/messages} with
 * {@code x-api-key} and {@code anthropic-version}; every translation cost is the host's.
 */
@Extension
public final class BenchClaudeProvider implements ProviderPlugin {

    private volatile HostServices services;

    @Override
    public String id() {
        return "bench-claude";
    }

    @Override
    public WireFormat nativeFormat() {
        return WireFormat.CLAUDE_MESSAGES;
    }

    @Override
    public void start(HostServices hostServices) {
        this.services = hostServices;
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        List<Credential> out = new ArrayList<>();
        for (JsonNode e : config.section("bench-claude")) {
            String base = e.path("base-url").asText("");
            String key = e.path("api-key").asText("");
            List<ModelAlias> models = new ArrayList<>();
            e.path("models").forEach(m -> models.add(new ModelAlias(m.asText(), "")));
            out.add(new Credential(Credential.stableId(id(), base, key), id(), "bench", key, base, "", "", models,
                    List.of(), 1, 0, Map.of(), Map.of()));
        }
        return out;
    }

    @Override
    public Executor executor() {
        return call -> {
            Credential c = call.credential();
            Map<String, String> headers = call.stream()
                    ? Map.of("Content-Type", "application/json", "x-api-key", c.secret(),
                            "anthropic-version", "2023-06-01", "Accept", "text/event-stream")
                    : Map.of("Content-Type", "application/json", "x-api-key", c.secret(),
                            "anthropic-version", "2023-06-01");
            return UpstreamExchange.send(services.http(), new UpstreamHttpRequest("POST", c.baseUrl() + "/v1/messages",
                    headers, call.body(), c.proxyUrl(), call.cancellation()), call.stream());
        };
    }
}
