package dev.cliproxy.plugin.gemini;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Executor;
import dev.cliproxy.api.NativeRequestAdapter;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.api.config.ApiKeyEntries;
import dev.cliproxy.api.config.ApiKeyProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Google AI Studio (Gemini API) upstreams in API-key mode: one credential per {@code gemini-api-key} entry and per
 * key of the older {@code generative-language-api-key} string list (a key listed in both is used once), calling
 * {@code {base-url}/v1beta/models/{model}:generateContent} (default {@code https://generativelanguage.googleapis.com}).
 *
 * <p>Quota errors cool only the model that ran out ({@link GeminiFailures}); falling back to a preview model on
 * quota exhaustion ({@code quota-exceeded.switch-preview-model}) is a routing decision the host takes from the
 * catalogue, not something this executor does on its own.
 */
@Extension
public final class GeminiProvider extends ApiKeyProvider {

    /** The provider id. */
    public static final String ID = "gemini";

    private static final ApiKeyEntries LEGACY = new ApiKeyEntries(ID, "generative-language-api-key", false);

    public GeminiProvider() {
        super(ID, WireFormat.GEMINI, "gemini-api-key", false, GeminiCatalog.MODELS);
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        Map<String, Credential> byId = new LinkedHashMap<>();
        List<Credential> all = new ArrayList<>(super.credentials(config));
        all.addAll(LEGACY.readKeys(config.section("generative-language-api-key")));
        for (Credential c : all) {
            byId.putIfAbsent(c.id(), c);
        }
        return List.copyOf(byId.values());
    }

    @Override
    public Executor executor() {
        return new GeminiExecutor(services().http());
    }

    @Override
    public NativeRequestAdapter requestAdapter() {
        return GeminiRequestAdapter.INSTANCE;
    }
}
