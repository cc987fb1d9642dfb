package dev.cliproxy.plugin.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.AccountLogin;
import dev.cliproxy.api.CallbackAddress;
import dev.cliproxy.api.DeviceLogin;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.LoginException;
import dev.cliproxy.api.LoginRequest;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.TokenFile;
import dev.cliproxy.api.config.TokenAnswers;
import dev.cliproxy.api.config.TokenFiles;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ChatGPT (Codex) OAuth: browser login with PKCE against {@code oauth.codex.authorize-url}, form-encoded code
 * exchange and refresh at {@code oauth.codex.token-url}, the device flow of {@link CodexDeviceLogin}, and token files
 * {@code codex-<sha256(account_id)[:8]>-<email>-<plan>.json} whose account id, e-mail and plan come from the
 * {@code id_token}. Refreshed {@value #LEAD_DAYS} days before expiry.
 */
final class CodexLogin implements AccountLogin {

    static final String CLIENT_ID = "app_EMoamEEZ73f0CkXaXp7hrann";
    static final long LEAD_DAYS = 5;

    @Override
    public List<String> names() {
        return List.of("codex", "openai");
    }

    @Override
    public CallbackAddress callback(ProviderConfig config) {
        return new CallbackAddress(CodexOAuthConfig.of(config).callbackPort(), "/auth/callback");
    }

    @Override
    public String authorizeUrl(LoginRequest request) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", CLIENT_ID);
        q.put("response_type", "code");
        q.put("redirect_uri", request.redirectUri());
        q.put("scope", "openid email profile offline_access");
        q.put("code_challenge", request.codeChallenge());
        q.put("code_challenge_method", "S256");
        q.put("prompt", "login");
        q.put("id_token_add_organizations", "true");
        q.put("codex_cli_simplified_flow", "true");
        q.put("state", request.state());
        return CodexOAuthConfig.of(request.config()).authorizeUrl() + "?" + CodexTokenEndpoint.encode(q);
    }

    @Override
    public TokenFile complete(LoginRequest request, String code, HostServices services) throws LoginException {
        return exchange(CodexOAuthConfig.of(request.config()), code, request.redirectUri(), request.codeVerifier(),
                services);
    }

    @Override
    public Optional<DeviceLogin> deviceLogin() {
        return Optional.of(new CodexDeviceLogin(this));
    }

    /** Exchanges an authorization code for the account's token file. */
    TokenFile exchange(CodexOAuthConfig oauth, String code, String redirectUri, String verifier,
                       HostServices services) throws LoginException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", CLIENT_ID);
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        JsonNode tokens = CodexTokenEndpoint.postForm(oauth.tokenUrl(), form, services,
                "Failed to exchange authorization code for tokens");
        ObjectNode file = Json.object();
        file.put("type", CodexProvider.ID);
        applyTokens(file, tokens, services.clock().instant());
        IdTokenClaims claims = IdTokenClaims.of(file.path("id_token").asText(""));
        if (claims.email().isEmpty() || claims.accountId().isEmpty()) {
            throw new LoginException("The id_token names no e-mail or ChatGPT account");
        }
        String plan = claims.plan().isEmpty() ? "unknown" : claims.plan();
        return TokenFile.of("codex-" + sha256(claims.accountId()).substring(0, 8) + "-" + safe(claims.email()) + "-"
                + safe(plan) + ".json", file);
    }

    @Override
    public TokenFile refresh(TokenFile current, ProviderConfig config, HostServices services) throws LoginException {
        String refreshToken = current.text("refresh_token");
        if (refreshToken.isEmpty()) {
            throw new LoginException("No refresh token: log in again");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", CLIENT_ID);
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("scope", "openid profile email");
        JsonNode tokens = CodexTokenEndpoint.postForm(CodexOAuthConfig.of(config).tokenUrl(), form, services,
                "Token refresh failed");
        ObjectNode file = current.content();
        applyTokens(file, tokens, services.clock().instant());
        return current.withContent(file);
    }

    @Override
    public Instant refreshAt(TokenFile file) {
        return TokenFiles.refreshAt(file, Duration.ofDays(LEAD_DAYS));
    }

    /**
     * Writes the tokens of a token-endpoint answer; the account id and e-mail are only replaced by non-empty claims
     * (a refreshed id_token may lack them).
     */
    private static void applyTokens(ObjectNode file, JsonNode tokens, Instant now) throws LoginException {
        TokenAnswers.apply(file, tokens, now, Duration.ofDays(10));
        IdTokenClaims claims = IdTokenClaims.of(file.path("id_token").asText(""));
        if (!claims.accountId().isEmpty()) {
            file.put("account_id", claims.accountId());
        }
        if (!claims.email().isEmpty()) {
            file.put("email", claims.email());
        }
    }

    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9@._-]", "_");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
