package dev.cliproxy.plugin.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.LoginRequest;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.TokenFile;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.api.testing.TestHostServices;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class CodexLoginTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final TestHostServices services = new TestHostServices(Clock.fixed(NOW, ZoneOffset.UTC));
    private final CodexLogin login = new CodexLogin();

    private ProviderConfig config() {
        ObjectNode root = Json.object();
        root.putObject("oauth").putObject("codex").put("token-url", server.url("/token").toString());
        return new ProviderConfig(root, List.of(), "");
    }

    private static String idToken(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "e30." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    @Test
    void namesTheFileFromTheIdTokensAccountEmailAndPlan() throws Exception {
        String id = idToken("{\"email\":\"dev@x.io\",\"https://api.openai.com/auth\":{\"chatgpt_account_id\":"
                + "\"acc-1\",\"chatgpt_plan_type\":\"pro\"}}");
        server.enqueue(new MockResponse.Builder().code(200).body("{\"access_token\":\"at\",\"refresh_token\":\"rt\","
                + "\"id_token\":\"" + id + "\",\"expires_in\":864000}").build());
        LoginRequest request = LoginRequest.builder("st", "verifier", "challenge",
                "http://localhost:1455/auth/callback", config()).build();
        TokenFile file = login.complete(request, "code-1", services);
        RecordedRequest sent = server.takeRequest();
        String form = sent.getBody().utf8();
        assertTrue(form.contains("grant_type=authorization_code") && form.contains("code_verifier=verifier"), form);
        assertTrue(file.name().matches("codex-[0-9a-f]{8}-dev@x\\.io-pro\\.json"), file.name());
        assertEquals("acc-1", file.text("account_id"));
        assertEquals(NOW.plus(Duration.ofDays(10)).minus(Duration.ofDays(5)), login.refreshAt(file));
    }

    @Test
    void aRefreshedIdTokenWithoutTheAccountKeepsTheAccountId() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"access_token\":\"new\",\"id_token\":\""
                + idToken("{\"email\":\"dev@x.io\"}") + "\"}").build());
        ObjectNode content = Json.object().put("type", "codex").put("access_token", "old").put("refresh_token", "rt")
                .put("account_id", "acc-1");
        TokenFile refreshed = login.refresh(TokenFile.of("codex-a.json", content), config(), services);
        assertEquals("acc-1", refreshed.text("account_id"));
        assertEquals("rt", refreshed.text("refresh_token"));
        assertTrue(server.takeRequest().getBody().utf8().contains("grant_type=refresh_token"));
    }

    @Test
    void accountsSendTheirAccountIdAndAlwaysStream() {
        CodexProvider provider = new CodexProvider();
        provider.start(services);
        Credential account = Credential.builder("codex-f", "codex").kind(Credential.Kind.OAUTH)
                .baseUrl("https://chat.test/codex").attribute(CodexAccounts.ACCOUNT_ID, "acc-1").build();
        UpstreamRequest r = provider.describe(UpstreamCall.builder(account, "gpt-6-sol",
                "{\"model\":\"gpt-6-sol\",\"input\":[]}".getBytes(StandardCharsets.UTF_8)).secret("live").build());
        assertEquals("https://chat.test/codex/responses", r.url());
        assertEquals("Bearer live", r.header("Authorization"));
        assertEquals("acc-1", r.header("Chatgpt-Account-Id"));
        assertTrue(r.streaming());
    }
}
