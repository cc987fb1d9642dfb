package dev.cliproxy.plugin.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.LoginException;
import dev.cliproxy.api.LoginRequest;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.TokenFile;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.api.testing.TestHostServices;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class ClaudeLoginTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final TestHostServices services = new TestHostServices(Clock.fixed(NOW, ZoneOffset.UTC));
    private final ClaudeLogin login = new ClaudeLogin();

    private ProviderConfig config() {
        ObjectNode root = Json.object();
        root.putObject("oauth").putObject("claude").put("token-url", server.url("/token").toString())
                .put("authorize-url", "https://auth.test/authorize");
        return new ProviderConfig(root, List.of(), "");
    }

    @Test
    void exchangesTheCodeWithoutItsStateSuffixAndNamesTheFileByEmail() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"access_token\":\"at\",\"refresh_token\":\"rt\","
                + "\"expires_in\":3600,\"account\":{\"uuid\":\"u1\",\"email_address\":\"a b@x.io\"},"
                + "\"organization\":{\"uuid\":\"o1\",\"name\":\"Org\"}}").build());
        LoginRequest request = LoginRequest.builder("st", "verifier", "challenge", "http://localhost:54545/callback",
                config()).build();
        assertTrue(login.authorizeUrl(request).startsWith("https://auth.test/authorize?code=true&client_id="));
        TokenFile file = login.complete(request, "the-code#st", services);
        RecordedRequest sent = server.takeRequest();
        JsonNode body = Json.parse(sent.getBody().utf8().getBytes(StandardCharsets.UTF_8));
        assertEquals("the-code", body.path("code").asText());
        assertEquals("verifier", body.path("code_verifier").asText());
        assertEquals("authorization_code", body.path("grant_type").asText());
        assertEquals("claude-a_b@x.io.json", file.name());
        assertEquals("claude", file.text("type"));
        assertEquals("o1", file.text("organization_uuid"));
        assertEquals(NOW.plusSeconds(3600).toString(), file.text("expired"));
        assertEquals(NOW.plusSeconds(3600).minusSeconds(4 * 3600), login.refreshAt(file));
    }

    @Test
    void aRefreshWithoutARefreshTokenKeepsTheOldOneAndEveryOtherField() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"access_token\":\"new\",\"expires_in\":60}")
                .build());
        ObjectNode content = Json.object().put("type", "claude").put("access_token", "old")
                .put("refresh_token", "rt-old").put("prefix", "team").put("email", "a@x.io");
        TokenFile refreshed = login.refresh(TokenFile.of("claude-a@x.io.json", content), config(), services);
        assertEquals("new", refreshed.text("access_token"));
        assertEquals("rt-old", refreshed.text("refresh_token"));
        assertEquals("team", refreshed.text("prefix"));
        assertEquals(NOW.toString(), refreshed.text("last_refresh"));
    }

    @Test
    void aRefusalNamesTheErrorCodeButNeverTheBodyAndAsksForANewLogin() {
        server.enqueue(new MockResponse.Builder().code(400).body("{\"error\":\"invalid_grant\","
                + "\"error_description\":\"token SENTINEL-xyz is reused\"}").build());
        ObjectNode content = Json.object().put("refresh_token", "rt");
        LoginException e = assertThrows(LoginException.class,
                () -> login.refresh(TokenFile.of("claude-a.json", content), config(), services));
        assertEquals("Token refresh failed: HTTP 400 invalid_grant (log in again)", e.getMessage());
        assertTrue(e.needsLogin(), "a refused refresh token never works again");
        assertNull(login.refreshAt(TokenFile.of("claude-b.json", Json.object().put("expired", NOW.toString()))));
    }

    @Test
    void oauthAccountsSendABearerTheOauthBetasAndTheClaudeCodeIdentity() {
        ClaudeProvider provider = new ClaudeProvider();
        provider.start(services);
        Credential account = Credential.builder("claude-f", "claude").kind(Credential.Kind.OAUTH)
                .secret("file-token").baseUrl("https://api.test").attribute(ClaudeAccounts.CLOAK_MODE, "auto")
                .build();
        byte[] body = "{\"model\":\"m\",\"max_tokens\":5,\"system\":\"be brief\",\"messages\":[]}"
                .getBytes(StandardCharsets.UTF_8);
        UpstreamRequest r = provider.describe(UpstreamCall.builder(account, "m", body).secret("live-token")
                .clientHeaders(Map.of("anthropic-beta", "context-1m-2025-08-07")).build());
        assertEquals("https://api.test/v1/messages?beta=true", r.url());
        assertEquals("Bearer live-token", r.header("Authorization"));
        assertNull(r.header("x-api-key"));
        assertTrue(r.header("anthropic-beta").startsWith("claude-code-20250219,oauth-2025-04-20"));
        assertTrue(r.header("anthropic-beta").endsWith("context-1m-2025-08-07"));
        JsonNode sent = Json.parse(r.body());
        assertEquals(ClaudeOAuthRequest.IDENTITY, sent.path("system").path(0).path("text").asText());
        assertEquals("be brief", sent.path("system").path(1).path("text").asText());

        UpstreamRequest fromClaudeCode = provider.describe(UpstreamCall.builder(account, "m", body)
                .clientHeaders(Map.of("user-agent", "claude-cli/2.0.1 (external, cli)")).build());
        assertFalse(new String(fromClaudeCode.body(), StandardCharsets.UTF_8).contains(ClaudeOAuthRequest.IDENTITY));
    }
}
