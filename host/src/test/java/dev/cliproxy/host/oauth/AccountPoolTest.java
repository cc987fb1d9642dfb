package dev.cliproxy.host.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.LogCapture;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** OAuth accounts in the model pools: round-robin, disabled files, revoked sessions, and no secret anywhere. */
class AccountPoolTest {

    @Test
    void twoAccountsTakeTurns() {
        try (OAuthFixture f = new OAuthFixture()) {
            String a = f.writeClaude("claude-a.json", f.clock.instant().plus(Duration.ofDays(1)), "");
            String b = f.writeClaude("claude-b.json", f.clock.instant().plus(Duration.ofDays(1)), "");
            assertEquals(Set.of("Bearer " + a, "Bearer " + b), tokensOf(f, 4));
            JsonNode models = Json.parse(f.proxy.get("/v1/models", null).body().getBytes());
            assertTrue(models.toString().contains("claude-sonnet-5"));
        }
    }

    @Test
    void aDisabledFileIsSkippedAndShownDisabled() {
        try (OAuthFixture f = new OAuthFixture()) {
            f.writeClaude("claude-a.json", f.clock.instant().plus(Duration.ofDays(1)), "");
            String b = f.writeClaude("claude-b.json", f.clock.instant().plus(Duration.ofDays(1)), "");
            HttpResponse<String> patched = f.mgmt("PATCH", "/auth-files/status",
                    "{\"name\":\"claude-a.json\",\"disabled\":true}");
            assertEquals("{\"status\":\"ok\",\"disabled\":true}", patched.body());
            assertEquals(Set.of("Bearer " + b), tokensOf(f, 3));
            assertEquals("disabled", f.session("claude-a.json").path("status").asText());
            JsonNode files = Json.parse(f.mgmt("GET", "/auth-files", null).body().getBytes()).path("files");
            JsonNode a = files.get(0);
            assertEquals("claude-a.json", a.path("name").asText());
            assertEquals("claude", a.path("type").asText());
            assertEquals("disabled", a.path("status").asText());
            assertTrue(a.path("disabled").asBoolean());
            assertTrue(a.has("expires") && a.has("last_refresh") && a.has("email"));
        }
    }

    @Test
    void deletingASessionStopsTheAccountAtOnce() {
        try (OAuthFixture f = new OAuthFixture()) {
            f.writeClaude("claude-a.json", f.clock.instant().plus(Duration.ofDays(1)), "");
            String b = f.writeClaude("claude-b.json", f.clock.instant().plus(Duration.ofDays(1)), "");
            String id = f.session("claude-a.json").path("id").asText();
            assertEquals("{\"status\":\"ok\"}", f.mgmt("DELETE", "/sessions/" + id, null).body());
            assertFalse(Files.exists(f.authDir().resolve("claude-a.json")));
            assertEquals(Set.of("Bearer " + b), tokensOf(f, 3));
            HttpResponse<String> again = f.mgmt("DELETE", "/sessions/" + id, null);
            assertEquals(404, again.statusCode());
            assertEquals("{\"error\":\"session not found\"}", again.body());
        }
    }

    @Test
    void aFileDeletedOnDiskStopsServing() throws Exception {
        try (OAuthFixture f = new OAuthFixture()) {
            f.writeClaude("claude-a.json", f.clock.instant().plus(Duration.ofDays(1)), "");
            String b = f.writeClaude("claude-b.json", f.clock.instant().plus(Duration.ofDays(1)), "");
            Files.delete(f.authDir().resolve("claude-a.json"));
            assertTrue(OAuthFixture.eventually(() -> f.session("claude-a.json").isMissingNode(), gone -> gone));
            assertEquals(Set.of("Bearer " + b), tokensOf(f, 3));
        }
    }

    @Test
    void noTokenReachesTheLogsOrTheManagementAnswers() {
        try (LogCapture logs = new LogCapture(); OAuthFixture f = new OAuthFixture()) {
            JsonNode started = Json.parse(f.mgmt("POST", "/oauth/claude", null).body().getBytes());
            assertEquals(200, f.browse(started.path("url").asText()).statusCode());
            String old = f.writeClaude("claude-a.json", f.clock.instant().minusSeconds(1), "");
            OAuthFixture.eventually(() -> f.file("claude-a.json").path("access_token").asText(),
                    t -> !t.equals(old));
            f.fake.revoke(f.file("claude-a.json").path("access_token").asText());
            f.chat("claude-sonnet-5");
            f.fake.failRefreshes(400);
            f.chat("claude-sonnet-5");
            String answers = f.mgmt("GET", "/sessions", null).body() + f.mgmt("GET", "/auth-files", null).body()
                    + f.mgmt("GET", "/credentials", null).body();
            assertFalse(answers.contains(FakeAccountProvider.SENTINEL), answers);
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("Refreshed the tokens")), logs.lines()
                    .toString());
            for (String line : logs.lines()) {
                assertFalse(line.contains(FakeAccountProvider.SENTINEL), line);
            }
        }
    }

    private static Set<String> tokensOf(OAuthFixture f, int requests) {
        int before = f.fake.calls().size();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> r = f.chat("claude-sonnet-5");
            assertEquals(200, r.statusCode(), r.body());
        }
        Set<String> seen = new HashSet<>();
        f.fake.calls().subList(before, f.fake.calls().size())
                .forEach(c -> seen.add(c.headers().get("authorization")));
        return seen;
    }
}
