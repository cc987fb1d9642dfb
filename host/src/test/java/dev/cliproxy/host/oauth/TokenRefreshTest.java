package dev.cliproxy.host.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Token refresh against a fake token endpoint that rotates single-use refresh tokens. */
class TokenRefreshTest {

    private static final String FILE = "claude-a.json";

    @Test
    void refreshesAFileThatAppearsExpiredWithoutWaitingForARequestAndKeepsTheUsersFields() {
        try (OAuthFixture f = new OAuthFixture()) {
            String old = f.writeClaude(FILE, f.clock.instant().minusSeconds(60), ",\"note\":\"mine\",\"priority\":3");
            JsonNode file = OAuthFixture.eventually(() -> f.file(FILE),
                    c -> !c.path("access_token").asText().equals(old));
            assertNotEquals(old, file.path("access_token").asText());
            assertEquals("mine", file.path("note").asText());
            assertEquals(3, file.path("priority").asInt());
            assertEquals("rw-------", f.mode(FILE));
            assertEquals(1, f.fake.refreshPosts());
            assertTrue(Instant.parse(file.path("expired").asText()).isAfter(f.clock.instant()));
            JsonNode session = OAuthFixture.eventually(() -> f.session(FILE),
                    s -> s.path("status").asText().equals("active"));
            assertEquals("active", session.path("status").asText());
            assertEquals(200, f.chat("claude-sonnet-5").statusCode());
        }
    }

    @Test
    void refreshesWithinTheLeadTimeButNotBefore() {
        try (OAuthFixture f = new OAuthFixture()) {
            String old = f.writeClaude(FILE, f.clock.instant().plus(Duration.ofHours(5)), "");
            assertEquals(200, f.chat("claude-sonnet-5").statusCode());
            assertEquals(0, f.fake.refreshPosts());
            f.clock.advance(Duration.ofHours(1).plusMinutes(1));
            JsonNode file = OAuthFixture.eventually(() -> f.file(FILE),
                    c -> !c.path("access_token").asText().equals(old));
            assertNotEquals(old, file.path("access_token").asText());
            assertEquals(1, f.fake.refreshPosts());
        }
    }

    @Test
    void refreshesOnceOnAn401AndRetriesTheSameAccountForTwentyRequestsAtOnce() throws Exception {
        try (OAuthFixture f = new OAuthFixture()) {
            String old = f.writeClaude(FILE, f.clock.instant().plus(Duration.ofDays(30)), "");
            f.fake.revoke(old);
            List<Future<HttpResponse<String>>> all = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 20; i++) {
                    all.add(clients.submit(() -> f.chat("claude-sonnet-5")));
                }
            }
            for (Future<HttpResponse<String>> r : all) {
                assertEquals(200, r.get().statusCode(), r.get().body());
            }
            assertEquals(1, f.fake.refreshPosts());
            assertNotEquals(old, f.file(FILE).path("access_token").asText());
        }
    }

    @Test
    void backsOffAfterAFailedRefreshAndShowsTheErrorInSessionsAndCredentials() {
        try (OAuthFixture f = new OAuthFixture()) {
            f.fake.failRefreshes(400, "{\"error\":\"invalid_request\"}", null);
            f.writeClaude(FILE, f.clock.instant().minusSeconds(1), "");
            JsonNode session = OAuthFixture.eventually(() -> f.session(FILE),
                    s -> s.path("status").asText().equals("error"));
            assertEquals("error", session.path("status").asText());
            assertTrue(session.path("last_error").asText().contains("invalid_request"), session.toString());
            assertEquals(1, f.fake.refreshPosts());
            JsonNode credentials = Json.parse(f.mgmt("GET", "/credentials", null).body().getBytes())
                    .path("credentials");
            boolean shown = false;
            for (JsonNode c : credentials) {
                shown |= c.path("refresh_error").asText().contains("invalid_request");
            }
            assertTrue(shown, "the refresh failure shows in /credentials too: " + credentials);

            f.clock.advance(TokenRefresher.BACKOFF.plusSeconds(1));
            assertEquals(2, (int) OAuthFixture.eventually(f.fake::refreshPosts, n -> n >= 2));
            f.fake.failRefreshes(0);
        }
    }

    @Test
    void aRefreshTokenRefusedForGoodStopsTheRefreshesUntilTheAccountLogsInAgain() {
        for (String refused : new String[] {"{\"error\":\"invalid_grant\"}",
                "{\"error\":{\"code\":\"refresh_token_reused\",\"message\":\"already used\"}}"}) {
            try (OAuthFixture f = new OAuthFixture()) {
                f.fake.failRefreshes(400, refused, null);
                String old = f.writeClaude(FILE, f.clock.instant().minusSeconds(1), "");
                JsonNode session = OAuthFixture.eventually(() -> f.session(FILE),
                        s -> s.path("status").asText().equals("needs_login"));
                assertEquals("needs_login", session.path("status").asText(), refused);
                assertTrue(session.path("last_error").asText().contains("log in again"), session.toString());
                assertTrue(OAuthFixture.eventually(() -> f.file(FILE), c -> c.path("needs_login").asBoolean())
                        .path("needs_login").asBoolean(), "kept in the file, so a restart does not retry it");

                f.clock.advance(TokenRefresher.BACKOFF.multipliedBy(3));
                f.fake.revoke(old);
                assertNotEquals(200, f.chat("claude-sonnet-5").statusCode(), "a 401 does not refresh it either");
                pauseForTicks();
                assertEquals(1, f.fake.refreshPosts(), "one attempt only, whatever comes after");

                f.writeClaude(FILE, f.clock.instant().plus(Duration.ofHours(8)), ""); // the account logs in again
                JsonNode again = OAuthFixture.eventually(() -> f.session(FILE),
                        s -> s.path("status").asText().equals("active"));
                assertEquals("active", again.path("status").asText(), "a new login clears the mark");
            }
        }
    }

    @Test
    void aTokenEndpointThatAsksToWaitIsNotAskedAgainSooner() {
        try (OAuthFixture f = new OAuthFixture()) {
            f.fake.failRefreshes(429, "{\"error\":\"rate_limited\"}", "1200");
            f.writeClaude(FILE, f.clock.instant().minusSeconds(1), "");
            OAuthFixture.eventually(f.fake::refreshPosts, n -> n == 1);
            OAuthFixture.eventually(() -> f.session(FILE), s -> s.path("status").asText().equals("error"));

            f.clock.advance(TokenRefresher.BACKOFF.plusMinutes(10)); // past the usual backoff, inside the 20 minutes
            pauseForTicks();
            assertEquals(1, f.fake.refreshPosts(), "no attempt inside the endpoint's Retry-After");
            f.fake.failRefreshes(0, null, null);
            f.clock.advance(Duration.ofMinutes(6));
            assertEquals(2, (int) OAuthFixture.eventually(f.fake::refreshPosts, n -> n >= 2));
        }
    }

    @Test
    void aManagementEditDuringASlowRefreshIsKept() throws Exception {
        try (OAuthFixture f = new OAuthFixture()) {
            CountDownLatch gate = f.fake.holdRefreshes();
            String old = f.writeClaude(FILE, f.clock.instant().minusSeconds(1), "");
            OAuthFixture.eventually(f.fake::refreshPosts, n -> n == 1);
            assertEquals("refreshing", f.session(FILE).path("status").asText());
            CompletableFuture<HttpResponse<String>> edit = CompletableFuture.supplyAsync(() -> f.mgmt("PATCH",
                    "/auth-files/fields", "{\"name\":\"" + FILE + "\",\"note\":\"edited\",\"weight\":2}"));
            gate.countDown();
            assertEquals(200, edit.get().statusCode(), edit.get().body());
            JsonNode file = f.file(FILE);
            assertNotEquals(old, file.path("access_token").asText());
            assertEquals("edited", file.path("note").asText());
            assertEquals(2, file.path("weight").asInt());
            assertEquals("rw-------", f.mode(FILE));
        }
    }

    /** Lets the refresher's one-second ticker look at the moved clock a few times. */
    private static void pauseForTicks() {
        LockSupport.parkNanos(Duration.ofMillis(2500).toNanos());
    }
}
