package dev.cliproxy.plugin.gemini;

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
import dev.cliproxy.formats.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Google installed-app OAuth for Gemini CLI accounts: the authorization URL (scopes cloud-platform, userinfo.email,
 * userinfo.profile; {@code access_type=offline}, {@code prompt=consent}; PKCE S256), the code exchange, the e-mail
 * from userinfo, project discovery and onboarding ({@link GeminiCliProjects}), and the token file
 * {@code gemini-<email>-<project>.json} ({@code -all} for several) with the anchor's fields. Tokens are refreshed
 * when less than {@link #REFRESH_LEAD} is left; the refreshed token is merged back into the file's {@code token}.
 */
final class GeminiCliLogin implements AccountLogin {

    static final Duration REFRESH_LEAD = Duration.ofMinutes(5);
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform",
            "https://www.googleapis.com/auth/userinfo.email", "https://www.googleapis.com/auth/userinfo.profile");

    @Override
    public List<String> names() {
        return List.of(GeminiCliProvider.ID, "gemini", "google");
    }

    @Override
    public CallbackAddress callback(ProviderConfig config) {
        return new CallbackAddress(GeminiCliEndpoints.of(config).callbackPort(), "/oauth2callback");
    }

    @Override
    public String authorizeUrl(LoginRequest request) {
        GeminiCliEndpoints e = GeminiCliEndpoints.of(request.config());
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", e.clientId());
        q.put("redirect_uri", request.redirectUri());
        q.put("response_type", "code");
        q.put("scope", String.join(" ", SCOPES));
        q.put("access_type", "offline");
        q.put("prompt", "consent");
        q.put("state", request.state());
        q.put("code_challenge", request.codeChallenge());
        q.put("code_challenge_method", "S256");
        return e.authorizeUrl() + "?" + form(q);
    }

    @Override
    public TokenFile complete(LoginRequest request, String code, HostServices services) throws LoginException {
        GeminiCliEndpoints e = GeminiCliEndpoints.of(request.config());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", request.redirectUri());
        form.put("client_id", e.clientId());
        form.put("client_secret", e.clientSecret());
        form.put("code_verifier", request.codeVerifier());
        JsonNode tokens = call(services, UpstreamRequest.post(e.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .body(form(form).getBytes(StandardCharsets.UTF_8)).build(), "exchange the authorization code");
        String access = tokens.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new LoginException("Google answered the code exchange without an access token");
        }
        JsonNode user = call(services, UpstreamRequest.get(e.userinfoUrl() + "?alt=json")
                .header("Authorization", "Bearer " + access).build(), "read the account's e-mail");
        String email = user.path("email").asText("");
        if (email.isEmpty()) {
            throw new LoginException("Google's userinfo has no e-mail for this account");
        }
        String asked = request.option("project_id", "").trim();
        List<String> projects = new GeminiCliProjects(e, access, services).setUp(asked);
        ObjectNode content = Json.object();
        content.put("type", GeminiCliAccounts.TYPE);
        content.set("token", tokenObject(Json.object(), tokens, e, services.clock().instant()));
        content.put("project_id", String.join(",", projects));
        content.put("email", email);
        content.put("auto", asked.isEmpty());
        content.put("checked", true);
        String suffix = projects.size() == 1 ? projects.get(0) : "all";
        return TokenFile.of(fileName(email, suffix), content);
    }

    @Override
    public TokenFile refresh(TokenFile current, ProviderConfig config, HostServices services) throws LoginException {
        GeminiCliEndpoints e = GeminiCliEndpoints.of(config);
        ObjectNode content = current.content();
        JsonNode token = content.path("token");
        String refreshToken = token.path("refresh_token").asText("");
        if (refreshToken.isEmpty()) {
            throw new LoginException("the token file has no refresh_token: log in again");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", token.path("client_id").asText(e.clientId()));
        form.put("client_secret", token.path("client_secret").asText(e.clientSecret()));
        JsonNode tokens = call(services, UpstreamRequest.post(e.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .body(form(form).getBytes(StandardCharsets.UTF_8)).build(), "refresh the access token");
        if (tokens.path("access_token").asText("").isEmpty()) {
            throw new LoginException("Google answered the refresh without an access token");
        }
        ObjectNode merged = token instanceof ObjectNode t ? t : Json.object();
        content.set("token", tokenObject(merged, tokens, e, services.clock().instant()));
        return current.withContent(content);
    }

    @Override
    public Instant refreshAt(TokenFile file) {
        String expiry = file.content().path("token").path("expiry").asText("");
        if (expiry.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(expiry).minus(REFRESH_LEAD);
        } catch (DateTimeParseException ex) {
            return Instant.EPOCH;
        }
    }

    /** {@code token} with the fields of a token answer merged in (a refresh answer may omit the refresh token). */
    private static ObjectNode tokenObject(ObjectNode token, JsonNode answer, GeminiCliEndpoints e, Instant now) {
        token.put("access_token", answer.path("access_token").asText());
        token.put("token_type", answer.path("token_type").asText("Bearer"));
        if (answer.hasNonNull("refresh_token")) {
            token.put("refresh_token", answer.path("refresh_token").asText());
        }
        token.put("expiry", now.plusSeconds(answer.path("expires_in").asLong(3600)).toString());
        token.put("token_uri", e.tokenUrl());
        token.put("client_id", e.clientId());
        token.put("client_secret", e.clientSecret());
        token.set("scopes", Json.MAPPER.valueToTree(SCOPES));
        return token;
    }

    /** Sends {@code request}; a 2xx JSON answer, else a {@link LoginException} saying what failed. */
    static JsonNode call(HostServices services, UpstreamRequest request, String what) throws LoginException {
        UpstreamAnswer answer;
        try {
            answer = services.http().send(request);
        } catch (IOException ex) {
            throw new LoginException("could not " + what + ": " + ex.getClass().getSimpleName(), ex);
        }
        if (!answer.isSuccessful()) {
            throw TokenAnswers.failure(answer, "could not " + what + ": Google answered " + answer.status() + " "
                    + errorMessage(answer));
        }
        try {
            return Json.parse(answer.body());
        } catch (RuntimeException ex) {
            throw new LoginException("could not " + what + ": the answer is not JSON", ex);
        }
    }

    private static String errorMessage(UpstreamAnswer answer) {
        try {
            JsonNode root = Json.parse(answer.body());
            JsonNode err = root.path("error");
            String message = err.isObject() ? err.path("message").asText("") : root.path("error_description")
                    .asText(err.asText(""));
            return message.length() > 300 ? message.substring(0, 300) : message;
        } catch (RuntimeException ex) {
            return "";
        }
    }

    static String fileName(String email, String project) {
        String safe = (email + "-" + project).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9@._-]", "_");
        return "gemini-" + safe + ".json";
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(en -> URLEncoder.encode(en.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(en.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
