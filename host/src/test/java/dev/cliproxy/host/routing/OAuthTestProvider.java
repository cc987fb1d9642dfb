package dev.cliproxy.host.routing;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ModelInfo;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.api.WireFormat;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * A provider on the test class path whose accounts are OAuth token files: every {@code *.json} of
 * {@code auth-dir} with {@code "type":"oauth-test"} becomes an OAUTH credential ({@code access_token} as its
 * secret, {@code base_url} as its OpenAI-compatible upstream) serving a fixed catalogue. No config, no files: it
 * serves nothing, so other tests do not see it.
 */
@Extension
public final class OAuthTestProvider implements ProviderPlugin {

    /** The catalogue every account serves. */
    static final List<String> CATALOGUE = List.of("test-model-a", "test-model-b", "test-model-c");

    @Override
    public String id() {
        return "oauth-test";
    }

    @Override
    public WireFormat nativeFormat() {
        return WireFormat.OPENAI_CHAT;
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        List<Credential> out = new ArrayList<>();
        for (ProviderConfig.AuthFile f : config.authFiles()) {
            if ("oauth-test".equals(f.type())) {
                out.add(Credential.builder(Credential.stableId(id(), f.name()), id()).kind(Credential.Kind.OAUTH)
                        .authFile(f.name()).label(f.name()).secret(f.content().path("access_token").asText())
                        .baseUrl(f.content().path("base_url").asText()).build());
            }
        }
        return out;
    }

    @Override
    public List<ModelInfo> defaultModels(Credential credential) {
        return CATALOGUE.stream().map(m -> ModelInfo.of(m, id())).toList();
    }

    @Override
    public UpstreamRequest describe(UpstreamCall call) {
        return UpstreamRequest.post(call.credential().baseUrl() + "/chat/completions")
                .header("Authorization", "Bearer " + call.secret()).streaming(call.stream()).body(call.body()).build();
    }
}
