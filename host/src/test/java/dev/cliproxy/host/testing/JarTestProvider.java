package dev.cliproxy.host.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.api.config.EntryFields;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider that tests put into a plugin jar ({@link TestPluginJar}); it is not an {@code @Extension}, so the
 * host never finds it on the class path. Section {@value #ID}: a list of {@code base-url}, {@code api-key},
 * {@code models}; calls {@code POST {base-url}/chat/completions}.
 */
public final class JarTestProvider implements ProviderPlugin {

    /** The provider id and its config section. */
    public static final String ID = "jar-test";

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
        List<Credential> out = new ArrayList<>();
        for (JsonNode entry : config.section(ID)) {
            String baseUrl = EntryFields.text(entry, "base-url");
            out.add(Credential.builder(Credential.stableId(ID, baseUrl), ID).baseUrl(baseUrl)
                    .secret(EntryFields.text(entry, "api-key")).models(EntryFields.models(entry.path("models")))
                    .build());
        }
        return out;
    }

    @Override
    public UpstreamRequest describe(UpstreamCall call) {
        return UpstreamRequest.post(call.credential().baseUrl() + "/chat/completions")
                .header("Authorization", "Bearer " + call.secret()).streaming(call.stream()).body(call.body()).build();
    }
}
