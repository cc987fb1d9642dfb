package dev.cliproxy.plugin.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.AccountLogin;
import dev.cliproxy.api.CallbackAddress;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.LoginException;
import dev.cliproxy.api.LoginRequest;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.TokenFile;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.api.config.TokenAnswers;
import dev.cliproxy.api.config.TokenFiles;
import dev.cliproxy.formats.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Claude Code's OAuth (a Claude Pro/Max subscription): browser login with PKCE against {@code oauth.claude.authorize-url},
 * code exchange and refresh (JSON bodies) at {@code oauth.claude.token-url}, token files
 * {@code claude-<email>.json} with the Go anchor's fields, refreshed {@value #LEAD_HOURS} hours before they expire.
 */
final class ClaudeLogin implements AccountLogin {

    static final String CLIENT_ID = "9d1c250a-e61b-44d9-88ed-5944d1962f5e";
    static final long LEAD_HOURS = 4;
    private static final Duration LIFETIME = Duration.ofHours(8);
    private static final String SCOPE = "user:profile user:inference user:sessions:claude_code user:mcp_servers"
            + " user:file_upload";

    @Override
    public List<String> names() {
        return List.of("claude", "anthropic");
    }

    @Override
    public CallbackAddress callback(ProviderConfig config) {
        return new CallbackAddress(ClaudeOAuthConfig.of(config).callbackPort(), "/callback");
    }

    @Override
    public String authorizeUrl(LoginRequest request) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("code", "true");
        q.put("client_id", CLIENT_ID);
        q.put("response_type", "code");
        q.put("redirect_uri", request.redirectUri());
        q.put("scope", SCOPE);
        q.put("code_challenge", request.codeChallenge());
        q.put("code_challenge_method", "S256");
        q.put("state", request.state());
        return ClaudeOAuthConfig.of(request.config()).authorizeUrl() + "?" + query(q);
    }

    @Override
    public TokenFile complete(LoginRequest request, String code, HostServices services) throws LoginException {
        String plainCode = code;
        int hash = code.indexOf('#');
        if (hash >= 0) {
            plainCode = code.substring(0, hash);
        }
        ObjectNode body = Json.object();
        body.put("grant_type", "authorization_code");
        body.put("code", plainCode);
        body.put("redirect_uri", request.redirectUri());
        body.put("client_id", CLIENT_ID);
        body.put("code_verifier", request.codeVerifier());
        body.put("state", request.state());
        JsonNode tokens = post(ClaudeOAuthConfig.of(request.config()).tokenUrl(), body, services,
                "Failed to exchange authorization code for tokens");
        String email = tokens.path("account").path("email_address").asText("");
        if (email.isEmpty()) {
            throw new LoginException("The token answer names no account e-mail");
        }
        ObjectNode file = Json.object();
        file.put("type", ClaudeProvider.ID);
        file.put("email", email);
        file.put("account_uuid", tokens.path("account").path("uuid").asText(""));
        file.put("organization_uuid", tokens.path("organization").path("uuid").asText(""));
        file.put("organization_name", tokens.path("organization").path("name").asText(""));
        TokenAnswers.apply(file, tokens, services.clock().instant(), LIFETIME);
        return TokenFile.of("claude-" + safe(email) + ".json", file);
    }

    @Override
    public TokenFile refresh(TokenFile current, ProviderConfig config, HostServices services) throws LoginException {
        String refreshToken = current.text("refresh_token");
        if (refreshToken.isEmpty()) {
            throw new LoginException("No refresh token: log in again");
        }
        ObjectNode body = Json.object();
        body.put("client_id", CLIENT_ID);
        body.put("grant_type", "refresh_token");
        body.put("refresh_token", refreshToken);
        JsonNode tokens = post(ClaudeOAuthConfig.of(config).tokenUrl(), body, services, "Token refresh failed");
        ObjectNode file = current.content();
        TokenAnswers.apply(file, tokens, services.clock().instant(), LIFETIME);
        return current.withContent(file);
    }

    @Override
    public Instant refreshAt(TokenFile file) {
        return TokenFiles.refreshAt(file, Duration.ofHours(LEAD_HOURS));
    }

    private static JsonNode post(String url, ObjectNode body, HostServices services, String failure)
            throws LoginException {
        UpstreamAnswer answer;
        try {
            answer = services.http().send(UpstreamRequest.post(url).header("Content-Type", "application/json")
                    .header("Accept", "application/json").body(Json.write(body)).build());
        } catch (IOException e) {
            throw new LoginException(failure + ": " + e.getClass().getSimpleName(), e);
        }
        return TokenAnswers.read(answer, failure);
    }

    /** {@code text} fit for a file name: characters other than letters, digits, {@code @._-} become {@code _}. */
    static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9@._-]", "_");
    }

    private static String query(Map<String, String> q) {
        return q.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8).replace("+", "%20")).collect(Collectors.joining("&"));
    }
}
