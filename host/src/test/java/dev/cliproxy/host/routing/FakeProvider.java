package dev.cliproxy.host.routing;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.api.WireFormat;
import java.util.List;
import java.util.Map;

/** A provider for unit tests of routing: describes no call; optional quota fallback models per upstream model. */
final class FakeProvider implements ProviderPlugin {

    private final Map<String, List<String>> fallbacks;

    FakeProvider() {
        this(Map.of());
    }

    FakeProvider(Map<String, List<String>> fallbacks) {
        this.fallbacks = fallbacks;
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public WireFormat nativeFormat() {
        return WireFormat.OPENAI_CHAT;
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        return List.of();
    }

    @Override
    public UpstreamRequest describe(UpstreamCall call) {
        throw new UnsupportedOperationException("routing tests send nothing");
    }

    @Override
    public List<String> quotaFallbackModels(Credential credential, String model) {
        return fallbacks.getOrDefault(model, List.of());
    }

    /** A candidate for credential {@code id} (secret {@code sk-<id>-secret}) serving {@code model}. */
    Candidate candidate(String id, String model, int weight, int priority) {
        Credential c = Credential.builder(id, id()).label(id).secret("sk-" + id + "-secret-value").baseUrl("http://x")
                .weight(weight).priority(priority).build();
        return new Candidate(this, c, model);
    }

    Candidate candidate(String id) {
        return candidate(id, "up", 1, 0);
    }
}
