package dev.cliproxy.plugin.codex;

import dev.cliproxy.api.AccountLogin;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamFailure;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.api.config.ApiKeyProvider;
import dev.cliproxy.api.config.ConfiguredHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * OpenAI Responses upstreams in API-key mode (the Codex backend or any Responses endpoint): one credential per
 * {@code codex-api-key} entry, which must name its {@code base-url}; calls {@code POST {base-url}/responses} with
 * {@code Authorization: Bearer <key>}. The Codex backend only streams, so every credential is asked for a stream and
 * the host assembles whole answers. Responses upstreams cannot count tokens: the host estimates instead. ChatGPT
 * accounts ({@link CodexAccounts}, logged in and refreshed with {@link CodexLogin}) add {@code Chatgpt-Account-Id}
 * and {@code Originator}.
 */
@Extension
public final class CodexProvider extends ApiKeyProvider {

    /** The provider id. */
    public static final String ID = "codex";

    private static final AccountLogin LOGIN = new CodexLogin();

    public CodexProvider() {
        super(ID, WireFormat.OPENAI_RESPONSES, "codex-api-key", true, CodexCatalog.MODELS);
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        List<Credential> all = new ArrayList<>(super.credentials(config).stream()
                .map(c -> c.toBuilder().alwaysStreams(true).build()).toList());
        all.addAll(CodexAccounts.read(config));
        return all;
    }

    @Override
    public Optional<AccountLogin> login() {
        return Optional.of(LOGIN);
    }

    @Override
    public boolean supports(Operation operation, Credential credential) {
        return operation != Operation.COUNT_TOKENS;
    }

    @Override
    public UpstreamRequest describe(UpstreamCall call) {
        boolean compact = call.operation() == Operation.COMPACT;
        UpstreamRequest.Builder request = (compact
                ? UpstreamRequest.post(call.credential().baseUrl() + "/responses/compact")
                        .header("Accept", "application/json").body(call.body())
                : UpstreamRequest.post(call.credential().baseUrl() + "/responses").streaming(true)
                        .body(CodexRequestAdapter.INSTANCE.adapt(call, call.body())))
                .header("Authorization", "Bearer " + call.secret());
        if (call.credential().kind() == Credential.Kind.OAUTH) {
            request.header("Chatgpt-Account-Id", call.credential().attribute(CodexAccounts.ACCOUNT_ID, ""))
                    .header("Originator", call.clientHeader("originator", "codex_cli_rs"));
        }
        return ConfiguredHeaders.apply(call, request).build();
    }

    @Override
    public UpstreamFailure classify(UpstreamCall call, UpstreamAnswer answer) {
        return new CodexFailures(services().clock()).classify(answer);
    }
}
