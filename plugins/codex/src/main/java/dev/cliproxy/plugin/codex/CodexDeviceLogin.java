package dev.cliproxy.plugin.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.DeviceCode;
import dev.cliproxy.api.DeviceLogin;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.LoginException;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.TokenFile;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.config.TokenAnswers;
import dev.cliproxy.formats.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The Codex CLI's device flow: {@code POST {device-url}/usercode} for a user code, the user approves at
 * {@code {issuer}/codex/device}, {@code POST {device-url}/token} answers 403/404 while pending and then an
 * authorization code with its PKCE verifier, exchanged like a browser login with the redirect
 * {@code {issuer}/deviceauth/callback}.
 */
final class CodexDeviceLogin implements DeviceLogin {

    private static final String DEVICE_ID = "device_auth_id";
    private final CodexLogin login;

    CodexDeviceLogin(CodexLogin login) {
        this.login = login;
    }

    @Override
    public DeviceCode start(ProviderConfig config, HostServices services) throws LoginException {
        CodexOAuthConfig oauth = CodexOAuthConfig.of(config);
        ObjectNode body = Json.object().put("client_id", CodexLogin.CLIENT_ID);
        JsonNode code = TokenAnswers.read(CodexTokenEndpoint.postJson(oauth.deviceUrl() + "/usercode", body,
                services, "Device code request failed"), "Device code request failed");
        String userCode = code.path("user_code").asText(code.path("usercode").asText(""));
        String deviceId = code.path(DEVICE_ID).asText("");
        if (userCode.isEmpty() || deviceId.isEmpty()) {
            throw new LoginException("Device code request failed: no user code in the answer");
        }
        long interval = code.path("interval").asLong(5);
        return new DeviceCode(userCode, oauth.issuer() + "/codex/device", Duration.ofSeconds(interval),
                Duration.ofMinutes(15), Map.of(DEVICE_ID, deviceId));
    }

    @Override
    public Optional<TokenFile> poll(DeviceCode code, ProviderConfig config, HostServices services)
            throws LoginException {
        CodexOAuthConfig oauth = CodexOAuthConfig.of(config);
        ObjectNode body = Json.object().put(DEVICE_ID, code.state().get(DEVICE_ID)).put("user_code", code.userCode());
        UpstreamAnswer answer = CodexTokenEndpoint.postJson(oauth.deviceUrl() + "/token", body, services,
                "Device authorization failed");
        if (answer.status() == 403 || answer.status() == 404) {
            return Optional.empty();
        }
        JsonNode approved = TokenAnswers.read(answer, "Device authorization failed");
        String authCode = approved.path("authorization_code").asText("");
        String verifier = approved.path("code_verifier").asText("");
        if (authCode.isEmpty() || verifier.isEmpty()) {
            throw new LoginException("Device authorization failed: no authorization code in the answer");
        }
        return Optional.of(login.exchange(oauth, authCode, oauth.issuer() + "/deviceauth/callback", verifier,
                services));
    }
}
