package dev.cliproxy.plugin.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.LoginException;
import dev.cliproxy.api.LoginRequest;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.TokenFile;
import dev.cliproxy.api.testing.TestHostServices;
import dev.cliproxy.formats.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The Gemini CLI login against a fake Google: OAuth token and userinfo, cloudcode-pa, resource manager, service usage. */
class GeminiCliLoginTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @StartStop
    private final MockWebServer google = new MockWebServer();

    private final GeminiCliLogin login = new GeminiCliLogin();
    private final TestHostServices services = new TestHostServices(Clock.fixed(NOW, ZoneOffset.UTC));
    private final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger onboardPolls = new AtomicInteger();
    private volatile String disabledApiProject = "";

    private ProviderConfig config() {
        String base = google.url("").toString().replaceAll("/$", "");
        google.setDispatcher(new FakeGoogle());
        return new ProviderConfig(Json.parse(("{\"oauth\":{\"gemini-cli\":{\"authorize-url\":\"" + base + "/auth\","
                + "\"token-url\":\"" + base + "/token\",\"userinfo-url\":\"" + base + "/userinfo\","
                + "\"code-assist-url\":\"" + base + "\",\"resource-manager-url\":\"" + base + "\","
                + "\"service-usage-url\":\"" + base + "\"}}}").getBytes()), List.of(), "");
    }

    private LoginRequest request(ProviderConfig config, String projectId) {
        return LoginRequest.builder("state-1", "verifier-123", "challenge-abc", "http://localhost:8085/oauth2callback",
                config).options(projectId == null ? Map.of() : Map.of("project_id", projectId)).build();
    }

    @Test
    void authorizeUrlAsksForOfflineAccessWithConsentAndPkce() {
        String url = login.authorizeUrl(request(config(), null));

        assertTrue(url.contains("/auth?client_id="), url);
        assertTrue(url.contains("access_type=offline") && url.contains("prompt=consent"), url);
        assertTrue(url.contains("state=state-1") && url.contains("code_challenge=challenge-abc")
                && url.contains("code_challenge_method=S256"), url);
        assertTrue(url.contains("scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fcloud-platform"), url);
        assertEquals(8085, login.callback(config()).port());
        assertEquals("/oauth2callback", login.callback(config()).path());
    }

    @Test
    void discoversTheAccountsOwnProjectWhenNoneIsAskedFor() throws Exception {
        TokenFile file = login.complete(request(config(), null), "auth-code-1", services);

        assertEquals("gemini-dev@example.com-discovered-1.json", file.name());
        JsonNode c = file.content();
        assertEquals("gemini", c.path("type").asText());
        assertEquals("discovered-1", c.path("project_id").asText());
        assertEquals("dev@example.com", c.path("email").asText());
        assertTrue(c.path("auto").asBoolean());
        assertTrue(c.path("checked").asBoolean());
        assertEquals("ya29.access-1", c.path("token").path("access_token").asText());
        assertEquals("1//refresh-1", c.path("token").path("refresh_token").asText());
        assertEquals(NOW.plusSeconds(3599).toString(), c.path("token").path("expiry").asText());
        assertTrue(calls.contains("POST /token grant_type=authorization_code code_verifier=verifier-123"), calls.toString());
        assertTrue(onboardPolls.get() >= 2, "onboardUser was polled until done");
    }

    @Test
    void setsUpAnExplicitProjectListAndEveryProjectOfAll() throws Exception {
        TokenFile two = login.complete(request(config(), "p1,p2"), "code", services);
        assertEquals("p1,p2", two.content().path("project_id").asText());
        assertEquals("gemini-dev@example.com-all.json", two.name());
        assertFalse(two.content().path("auto").asBoolean());

        TokenFile all = login.complete(request(config(), "ALL"), "code", services);
        assertEquals("listed-1,listed-2", all.content().path("project_id").asText(), "only active projects");
    }

    @Test
    void aProjectWhoseApiCannotBeEnabledEndsTheLoginWithWhatToDo() {
        disabledApiProject = "locked";

        LoginException e = assertThrows(LoginException.class,
                () -> login.complete(request(config(), "locked"), "code", services));

        assertTrue(e.getMessage().startsWith("Cloud AI Companion API not enabled for project locked"),
                e.getMessage());
        assertTrue(e.getMessage().contains("console.cloud.google.com"), e.getMessage());
        assertFalse(e.getMessage().contains("ya29"), "no token in messages");
    }

    @Test
    void refreshMergesTheNewAccessTokenIntoTheTokenObjectAndKeepsTheRefreshToken() throws Exception {
        ProviderConfig config = config();
        TokenFile file = login.complete(request(config, "p1"), "code", services);

        TokenFile refreshed = login.refresh(file, config, services);

        assertEquals(file.name(), refreshed.name());
        assertEquals("ya29.refreshed", refreshed.content().path("token").path("access_token").asText());
        assertEquals("1//refresh-1", refreshed.content().path("token").path("refresh_token").asText());
        assertEquals("p1", refreshed.content().path("project_id").asText());
        assertEquals(NOW.plusSeconds(3599).minus(Duration.ofMinutes(5)), login.refreshAt(refreshed));
        assertTrue(calls.contains("POST /token grant_type=refresh_token"), calls.toString());
    }

    /** Answers like Google's endpoints do; records what it was asked. */
    private final class FakeGoogle extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            String body = r.getBody() == null ? "" : r.getBody().utf8();
            switch (path) {
                case "/token" -> {
                    if (body.contains("grant_type=refresh_token")) {
                        calls.add("POST /token grant_type=refresh_token");
                        return json(200, "{\"access_token\":\"ya29.refreshed\",\"expires_in\":3599}");
                    }
                    calls.add("POST /token grant_type=authorization_code code_verifier="
                            + body.replaceAll(".*code_verifier=([^&]*).*", "$1"));
                    return json(200, "{\"access_token\":\"ya29.access-1\",\"refresh_token\":\"1//refresh-1\","
                            + "\"expires_in\":3599,\"token_type\":\"Bearer\"}");
                }
                case "/userinfo" -> {
                    return json(200, "{\"email\":\"dev@example.com\"}");
                }
                case "/v1internal:loadCodeAssist" -> {
                    return json(200, "{\"allowedTiers\":[{\"id\":\"free-tier\",\"isDefault\":true}]}");
                }
                case "/v1internal:onboardUser" -> {
                    JsonNode sent = Json.parse(body.getBytes());
                    String project = sent.path("cloudaicompanionProject").asText("");
                    if (project.isEmpty()) {
                        return onboardPolls.incrementAndGet() < 2 ? json(200, "{\"done\":false}")
                                : json(200, "{\"done\":true,\"response\":{\"cloudaicompanionProject\":"
                                        + "{\"id\":\"discovered-1\"}}}");
                    }
                    return json(200, "{\"done\":true,\"response\":{\"cloudaicompanionProject\":{\"id\":\""
                            + project + "\"}}}");
                }
                case "/v1/projects" -> {
                    return json(200, "{\"projects\":[{\"projectId\":\"listed-1\",\"lifecycleState\":\"ACTIVE\"},"
                            + "{\"projectId\":\"old\",\"lifecycleState\":\"DELETE_REQUESTED\"},"
                            + "{\"projectId\":\"listed-2\",\"lifecycleState\":\"ACTIVE\"}]}");
                }
                default -> {
                    if (path.startsWith("/v1/projects/") && path.contains("/services/")) {
                        boolean locked = path.startsWith("/v1/projects/" + disabledApiProject + "/")
                                && !disabledApiProject.isEmpty();
                        if (path.endsWith(":enable")) {
                            return locked ? json(403, "{\"error\":{\"message\":\"Permission denied\"}}")
                                    : json(200, "{\"done\":true}");
                        }
                        return json(200, locked ? "{\"state\":\"DISABLED\"}" : "{\"state\":\"ENABLED\"}");
                    }
                    return json(404, "{\"error\":{\"message\":\"no route " + path + "\"}}");
                }
            }
        }

        private MockResponse json(int code, String body) {
            return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body)
                    .build();
        }
    }
}
