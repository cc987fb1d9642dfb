package dev.cliproxy.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.AccountLogin;
import dev.cliproxy.api.AnswerAdapter;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.ModelInfo;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamFailure;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.api.config.ConfiguredHeaders;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Gemini CLI accounts (Google OAuth, the cloudcode-pa backend the Gemini CLI uses): one credential per (account,
 * project) from the token files of type {@code gemini}; requests go to
 * {@code {code-assist-url}/v1internal:generateContent}, {@code :streamGenerateContent?alt=sse} or
 * {@code :countTokens} in the {@link GeminiCliEnvelope envelope}, with the Gemini CLI's headers. A 429 cools the
 * (project, model) it came from, so the host moves the request to the next project
 * ({@code quota-exceeded.switch-project}); when every project is out, the model's preview variants are offered
 * ({@code quota-exceeded.preview-models}, with {@link #DEFAULT_PREVIEWS} as the default map).
 */
@Extension
public final class GeminiCliProvider implements ProviderPlugin {

    /** The provider id. */
    public static final String ID = "gemini-cli";

    /** Preview variants with their own quota, tried when a model is out everywhere. */
    static final Map<String, List<String>> DEFAULT_PREVIEWS = Map.of(
            "gemini-2.5-pro", List.of("gemini-2.5-pro-preview-06-05", "gemini-2.5-pro-preview-05-06"),
            "gemini-2.5-flash", List.of("gemini-2.5-flash-preview-05-20"));
    static final String USER_AGENT_VERSION = "0.34.0";
    static final String API_CLIENT = "google-genai-sdk/1.41.0 gl-node/v22.19.0";

    private volatile HostServices services;
    private volatile Map<String, List<String>> previews = DEFAULT_PREVIEWS;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public WireFormat nativeFormat() {
        return WireFormat.GEMINI;
    }

    @Override
    public void start(HostServices hostServices) {
        this.services = hostServices;
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        previews = previews(config.section("quota-exceeded").path("preview-models"));
        return GeminiCliAccounts.read(config);
    }

    @Override
    public List<ModelInfo> defaultModels(Credential credential) {
        return GeminiCatalog.MODELS;
    }

    @Override
    public UpstreamRequest describe(UpstreamCall call) {
        Credential c = call.credential();
        boolean stream = GeminiProvider.streams(call);
        String model = call.model().startsWith("models/") ? call.model().substring(7) : call.model();
        UpstreamRequest.Builder request = UpstreamRequest.post(
                        c.baseUrl() + "/v1internal:" + GeminiProvider.method(call))
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .streaming(stream)
                .header("Authorization", "Bearer " + call.secret())
                .header("User-Agent", userAgent(model))
                .header("X-Goog-Api-Client", API_CLIENT)
                .body(GeminiCliEnvelope.wrap(call, c.attribute(GeminiCliAccounts.PROJECT, "")));
        return ConfiguredHeaders.apply(call, request).build();
    }

    @Override
    public UpstreamFailure classify(UpstreamCall call, UpstreamAnswer answer) {
        return GeminiFailures.classify(answer, services == null ? Clock.systemUTC() : services.clock());
    }

    @Override
    public AnswerAdapter answerAdapter(Credential credential) {
        return GeminiCliEnvelope.INSTANCE;
    }

    @Override
    public List<String> quotaFallbackModels(Credential credential, String model) {
        return previews.getOrDefault(model.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public Optional<AccountLogin> login() {
        return Optional.of(new GeminiCliLogin());
    }

    /** The Gemini CLI's own User-Agent: {@code GeminiCLI/<version>/<model> (<os>; <arch>; terminal)}. */
    static String userAgent(String model) {
        return "GeminiCLI/" + USER_AGENT_VERSION + "/" + model + " (" + System.getProperty("os.name", "linux")
                .toLowerCase(Locale.ROOT) + "; " + System.getProperty("os.arch", "x64") + "; terminal)";
    }

    private static Map<String, List<String>> previews(JsonNode configured) {
        if (!configured.isObject() || configured.isEmpty()) {
            return DEFAULT_PREVIEWS;
        }
        Map<String, List<String>> out = new java.util.HashMap<>();
        configured.fields().forEachRemaining(e -> {
            List<String> models = new ArrayList<>();
            e.getValue().forEach(v -> {
                if (v.isTextual() && !v.asText().isBlank()) {
                    models.add(v.asText().trim());
                }
            });
            out.put(e.getKey().toLowerCase(Locale.ROOT), List.copyOf(models));
        });
        return Map.copyOf(out);
    }
}
