package dev.cliproxy.plugin.claude;

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
 * Anthropic Messages upstreams: one credential per {@code claude-api-key} entry, and one per Claude Code OAuth
 * token file ({@link ClaudeAccounts}, logged in and refreshed with {@link ClaudeLogin}, headers and identity block of
 * {@link ClaudeOAuthRequest}). API keys call
 * {@code POST {base-url}/v1/messages} (or {@code /v1/messages/count_tokens}; default base
 * {@code https://api.anthropic.com}) with {@code x-api-key} and {@code anthropic-version} (the client's value when it
 * sent one, else {@value #API_VERSION}); the client's {@code anthropic-beta} is passed on. Bodies are fitted to the
 * model by {@link ClaudeRequestAdapter}, failures classified by {@link ClaudeFailures}. Entries without
 * {@code models} serve the built-in catalogue of current Claude models.
 */
@Extension
public final class ClaudeProvider extends ApiKeyProvider {

    /** The provider id. */
    public static final String ID = "claude";
    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String API_VERSION = "2023-06-01";

    private static final AccountLogin LOGIN = new ClaudeLogin();

    public ClaudeProvider() {
        super(ID, WireFormat.CLAUDE_MESSAGES, "claude-api-key", false, ClaudeCatalog.MODELS);
    }

    @Override
    public List<Credential> credentials(ProviderConfig config) {
        List<Credential> all = new ArrayList<>(super.credentials(config));
        all.addAll(ClaudeAccounts.read(config));
        return all;
    }

    @Override
    public Optional<AccountLogin> login() {
        return Optional.of(LOGIN);
    }

    @Override
    public UpstreamRequest describe(UpstreamCall call) {
        Credential c = call.credential();
        boolean count = call.operation() == Operation.COUNT_TOKENS;
        String base = c.baseUrl().isEmpty() ? DEFAULT_BASE_URL : c.baseUrl();
        boolean stream = call.stream() && !count;
        boolean oauth = c.kind() == Credential.Kind.OAUTH;
        byte[] body = ClaudeRequestAdapter.INSTANCE.adapt(call, call.body());
        UpstreamRequest.Builder request = UpstreamRequest.post(base + (count ? "/v1/messages/count_tokens"
                        : "/v1/messages") + (oauth ? "?beta=true" : ""))
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .streaming(stream)
                .header("anthropic-version", call.clientHeader("anthropic-version", API_VERSION));
        if (oauth) {
            ClaudeOAuthRequest.headers(call, request).body(count ? body : ClaudeOAuthRequest.cloak(call, body));
        } else {
            request.header("x-api-key", call.secret())
                    .header("anthropic-beta", call.clientHeader("anthropic-beta", ""))
                    .body(body);
        }
        return ConfiguredHeaders.apply(call, request).build();
    }

    @Override
    public UpstreamFailure classify(UpstreamCall call, UpstreamAnswer answer) {
        return new ClaudeFailures(services().clock()).classify(answer);
    }
}
