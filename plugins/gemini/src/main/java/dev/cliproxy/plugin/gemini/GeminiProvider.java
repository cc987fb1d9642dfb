package dev.cliproxy.plugin.gemini;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamFailure;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.api.config.ApiKeyEntries;
import dev.cliproxy.api.config.ApiKeyProvider;
import dev.cliproxy.api.config.ConfiguredHeaders;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Google AI Studio (Gemini API) upstreams in API-key mode: one credential per {@code gemini-api-key} entry and per
 * key of the older {@code generative-language-api-key} string list (a key listed in both is used once), calling
 * {@code {base-url}/v1beta/models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse} or
 * {@code :countTokens} (default {@code https://generativelanguage.googleapis.com}) with {@code x-goog-api-key}.
 *
 * <p>Quota errors cool only the model that ran out ({@link GeminiFailures}); falling back to a preview model on
 * quota exhaustion ({@code quota-exceeded.switch-preview-model}) is a routing decision the host takes from the
 * catalogue, not something this plugin does on its own.
 */
@Extension
public final class GeminiProvider extends ApiKeyProvider {

    /** The provider id. */
    public static final String ID = "gemini";

    static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
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
    public UpstreamRequest describe(UpstreamCall call) {
        Credential c = call.credential();
        boolean stream = streams(call);
        String base = c.baseUrl().isEmpty() ? DEFAULT_BASE_URL : c.baseUrl();
        UpstreamRequest.Builder request = UpstreamRequest.post(
                        base + "/v1beta/models/" + pathSegment(call.model()) + ":" + method(call))
                .streaming(stream)
                .header("x-goog-api-key", call.secret())
                .body(GeminiRequestAdapter.INSTANCE.adapt(call, call.body()));
        return ConfiguredHeaders.apply(call, request).build();
    }

    @Override
    public UpstreamFailure classify(UpstreamCall call, UpstreamAnswer answer) {
        return GeminiFailures.classify(answer, services().clock());
    }

    /** Whether {@code call} is answered as a stream (token counts never are). */
    static boolean streams(UpstreamCall call) {
        return call.stream() && call.operation() != Operation.COUNT_TOKENS;
    }

    /** The method of {@code call}: {@code countTokens}, {@code streamGenerateContent?alt=sse} or generateContent. */
    static String method(UpstreamCall call) {
        return call.operation() == Operation.COUNT_TOKENS ? "countTokens"
                : streams(call) ? "streamGenerateContent?alt=sse" : "generateContent";
    }

    /** The model as a URL path segment ({@code models/} prefix removed, reserved characters escaped). */
    static String pathSegment(String model) {
        String id = model.startsWith("models/") ? model.substring("models/".length()) : model;
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
