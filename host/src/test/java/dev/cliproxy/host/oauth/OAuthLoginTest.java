package dev.cliproxy.host.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Browser logins through the management API, against a fake authorization server. */
class OAuthLoginTest {

    @Test
    void logsInClaudeThroughTheManagementApiAndServesWithTheAccount() {
        try (OAuthFixture f = new OAuthFixture()) {
            HttpResponse<String> started = f.mgmt("POST", "/oauth/anthropic", null);
            assertEquals(200, started.statusCode(), started.body());
            JsonNode body = Json.parse(started.body().getBytes());
            assertEquals("ok", body.path("status").asText());
            String state = body.path("state").asText();
            assertTrue(body.path("url").asText().contains("code_challenge_method=S256"));
            assertEquals("wait", status(f, state));

            HttpResponse<String> page = f.browse(body.path("url").asText());
            assertEquals(200, page.statusCode(), page.body());
            assertEquals("ok", status(f, state));

            String name = "claude-" + FakeAccountProvider.EMAIL + ".json";
            assertEquals("rw-------", f.mode(name));
            JsonNode file = f.file(name);
            assertEquals("claude", file.path("type").asText());
            assertEquals(FakeAccountProvider.EMAIL, file.path("email").asText());
            assertTrue(file.path("refresh_token").asText().startsWith(FakeAccountProvider.SENTINEL));
            assertEquals("active", f.session(name).path("status").asText());

            HttpResponse<String> chat = f.chat("claude-sonnet-5");
            assertEquals(200, chat.statusCode(), chat.body());
            FakeAccountProvider.Call call = f.fake.calls().getLast();
            assertEquals("Bearer " + file.path("access_token").asText(), call.headers().get("authorization"));
            assertFalse(call.headers().containsKey("x-api-key"));
            assertTrue(call.headers().get("anthropic-beta").contains("oauth-2025-04-20"));
            assertTrue(call.headers().get("anthropic-beta").contains("claude-code-20250219"));
            assertEquals("You are Claude Code, Anthropic's official CLI for Claude.",
                    call.body().path("system").path(0).path("text").asText());
        }
    }

    @Test
    void logsInCodexAndSendsItsAccountIdToTheResponsesApi() {
        try (OAuthFixture f = new OAuthFixture()) {
            JsonNode body = Json.parse(f.mgmt("GET", "/codex-auth-url", null).body().getBytes());
            assertEquals(200, f.browse(body.path("url").asText()).statusCode());
            String name = OAuthFixture.eventually(() -> {
                try (var files = Files.list(f.authDir())) {
                    return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("codex-"))
                            .findFirst().orElse("");
                } catch (java.io.IOException e) {
                    return "";
                }
            }, n -> !n.isEmpty());
            assertTrue(name.matches("codex-[0-9a-f]{8}-dev@example\\.com-plus\\.json"), name);
            assertEquals(FakeAccountProvider.ACCOUNT, f.file(name).path("account_id").asText());

            HttpResponse<String> chat = f.chat("gpt-6-sol");
            assertEquals(200, chat.statusCode(), chat.body());
            assertTrue(chat.body().contains("hello"), chat.body());
            FakeAccountProvider.Call call = f.fake.calls().getLast();
            assertEquals("/codex/responses", call.path());
            assertEquals(FakeAccountProvider.ACCOUNT, call.headers().get("chatgpt-account-id"));
            assertFalse(call.body().path("store").asBoolean(true));
            assertTrue(call.body().path("stream").asBoolean());
            assertTrue(call.body().has("instructions"));
        }
    }

    @Test
    void finishesALoginFromAPastedRedirectUrl() {
        try (OAuthFixture f = new OAuthFixture()) {
            JsonNode body = Json.parse(f.mgmt("POST", "/oauth/claude", null).body().getBytes());
            String state = body.path("state").asText();
            // the browser is elsewhere: read where the provider redirects without following it
            String location = f.proxy.send(f.proxy.request("/").uri(java.net.URI.create(body.path("url").asText()))
                    .GET().build()).headers().firstValue("location").orElseThrow();
            HttpResponse<String> done = f.mgmt("POST", "/oauth-callback", "{\"provider\":\"claude\",\"redirect_url\":\""
                    + location + "\"}");
            assertEquals(200, done.statusCode(), done.body());
            assertEquals("ok", status(f, state));
            HttpResponse<String> again = f.mgmt("POST", "/oauth-callback", "{\"redirect_url\":\"" + location + "\"}");
            assertEquals(409, again.statusCode(), again.body());
        }
    }

    @Test
    void finishesALoginRedirectedToTheMainPort() {
        try (OAuthFixture f = new OAuthFixture()) {
            JsonNode body = Json.parse(f.mgmt("GET", "/anthropic-auth-url", null).body().getBytes());
            String location = f.proxy.send(f.proxy.request("/").uri(java.net.URI.create(body.path("url").asText()))
                    .GET().build()).headers().firstValue("location").orElseThrow();
            HttpResponse<String> page = f.proxy.get("/anthropic/callback" + location.substring(location.indexOf('?')),
                    null);
            assertEquals(200, page.statusCode(), page.body());
            assertEquals("ok", status(f, body.path("state").asText()));
        }
    }

    @Test
    void aSessionWithoutCallbackExpiresAfterThirtyMinutes() {
        try (OAuthFixture f = new OAuthFixture()) {
            JsonNode body = Json.parse(f.mgmt("POST", "/oauth/openai", null).body().getBytes());
            f.clock.advance(LoginSessions.LIFETIME.plusSeconds(1));
            JsonNode status = Json.parse(f.mgmt("GET", "/get-auth-status?state=" + body.path("state").asText(), null)
                    .body().getBytes());
            assertEquals("error", status.path("status").asText());
            assertEquals("Timeout waiting for OAuth callback", status.path("error").asText());
        }
    }

    @Test
    void refusesUnknownStatesAndProviders() {
        try (OAuthFixture f = new OAuthFixture()) {
            assertEquals(400, f.mgmt("GET", "/get-auth-status?state=bad%2Fstate", null).statusCode());
            assertEquals("error", status(f, "never-issued"));
            assertEquals(404, f.mgmt("POST", "/oauth-callback", "{\"state\":\"never-issued\",\"code\":\"c\"}")
                    .statusCode());
            assertEquals(404, f.mgmt("POST", "/oauth/nobody", null).statusCode());
            JsonNode body = Json.parse(f.mgmt("POST", "/oauth/codex", null).body().getBytes());
            HttpResponse<String> cancelled = f.mgmt("DELETE", "/oauth-session?state=" + body.path("state").asText(),
                    null);
            assertEquals("{\"status\":\"ok\",\"cancelled\":true}", cancelled.body());
            assertEquals("error", status(f, body.path("state").asText()));
        }
    }

    private static String status(OAuthFixture f, String state) {
        return Json.parse(f.mgmt("GET", "/get-auth-status?state=" + state, null).body().getBytes()).path("status")
                .asText();
    }
}
