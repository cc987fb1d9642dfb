package dev.cliproxy.examples.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamFailure;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.api.config.EntryFields;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * An OpenAI Chat Completions upstream configured under its own section:
 *
 * <pre>
 * example-provider:
 *   - base-url: https://llm.example.com/v1   # POST {base-url}/chat/completions
 *     api-key: sk-...                        # sent as Authorization: Bearer
 *     models:                                # what clients may ask for
 *       - name: upstream-model-name
 *         alias: my-model
 * </pre>
 *
 * <p>{@code @Extension} makes pf4j's annotation processor list this class in {@code META-INF/extensions.idx}, which
 * is how the host finds it in the jar. The host reads {@link #credentials} on every config reload, asks
 * {@link #describe} what to send for each attempt, sends it itself, and asks {@link #classify} about non-2xx
 * answers. Both are pure: no I/O, no state.
 */
@Extension
public final class ExampleProvider implements ProviderPlugin {

    /** The provider id, also the config section it reads. */
    public static final String ID = "example-provider";

    private volatile Clock clock = Clock.systemUTC();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public WireFormat nativeFormat() {
        // Clients speaking Claude, Gemini or Responses are translated to this by the host.
        return WireFormat.OPENAI_CHAT;
    }

    @Override
    public void start(HostServices services) {
        clock = services.clock();
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        List<Credential> credentials = new ArrayList<>();
        for (JsonNode entry : config.section(ID)) {
            String baseUrl = EntryFields.text(entry, "base-url").replaceAll("/+$", "");
            if (baseUrl.isEmpty()) {
                continue;
            }
            String key = EntryFields.text(entry, "api-key");
            credentials.add(Credential.builder(Credential.stableId(ID, baseUrl, key), ID)
                    .label(ID + " " + baseUrl).baseUrl(baseUrl).secret(key)
                    .models(EntryFields.models(entry.path("models"))).build());
        }
        return credentials;
    }

    @Override
    public UpstreamRequest describe(UpstreamCall call) {
        // call.body() is already an OpenAI Chat request naming the upstream model; call.secret() is the key.
        return UpstreamRequest.post(call.credential().baseUrl() + "/chat/completions")
                .header("Authorization", "Bearer " + call.secret())
                .streaming(call.stream())
                .body(call.body())
                .build();
    }

    @Override
    public UpstreamFailure classify(UpstreamCall call, UpstreamAnswer answer) {
        UpstreamFailure.Builder failure = UpstreamFailure.byStatus(answer, clock);
        // Some OpenAI-compatible servers answer an exhausted balance with 400: treat it as quota, so the host cools
        // this credential down and tries another instead of relaying the error.
        if (answer.status() == 400 && answer.bodyText().contains("insufficient_quota")) {
            failure.kind(FailureKind.QUOTA);
        }
        return failure.build();
    }
}
