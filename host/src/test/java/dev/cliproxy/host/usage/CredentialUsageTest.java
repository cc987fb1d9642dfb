package dev.cliproxy.host.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.metrics.Await;
import dev.cliproxy.host.metrics.CompatUpstream;
import dev.cliproxy.host.testing.MutableClock;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /v0/management/api-key-usage, fed by real requests through the real server. */
class CredentialUsageTest {

    private static final String SECRET = "usage-mgmt-secret-key";
    private static final Instant START = Instant.parse("2026-03-01T10:07:00Z");

    private final MutableClock clock = new MutableClock(START);

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer(CompatUpstream.config(2, """
            claude-api-key:
              - api-key: sk-ant-idle-0123456789
            remote-management:
              secret-key: "%s"
            """.formatted(SECRET))).clock(clock);
    private String base;

    @BeforeEach
    void start() {
        base = proxy.upstream().url("/v1").toString();
    }

    private JsonNode usage() {
        HttpResponse<String> r = proxy.get("/v0/management/api-key-usage", SECRET);
        assertEquals(200, r.statusCode(), r.body());
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long total(JsonNode provider, String field) {
        long n = 0;
        for (JsonNode entry : provider) {
            n += entry.path(field).asLong();
        }
        return n;
    }

    private static String label(Instant bucketStart) {
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
        return hm.format(bucketStart) + "-" + hm.format(bucketStart.plusSeconds(600));
    }

    @Test
    void countsEveryAttemptAgainstItsCredentialInTheCurrentBucket() {
        proxy.upstream().enqueue(
                CompatUpstream.json(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}"));
        proxy.upstream().enqueue(CompatUpstream.ok());
        assertEquals(200, proxy.post("/v1/chat/completions", CompatUpstream.KEY, CompatUpstream.CHAT).statusCode());

        JsonNode fake = Await.until(() -> usage().path("fake"), p -> total(p, "success") == 1);
        List<String> keys = new ArrayList<>();
        fake.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of(base + "|up-...cdef"), keys, "keys are masked; two keys with the same mask add up");
        assertEquals(1, total(fake, "success"));
        assertEquals(1, total(fake, "failed"));
        for (JsonNode entry : fake) {
            assertEquals(2, entry.path("success").asLong() + entry.path("failed").asLong(), entry.toString());
            JsonNode recent = entry.path("recent_requests");
            assertEquals(20, recent.size());
            JsonNode current = recent.get(19);
            assertEquals(label(Instant.parse("2026-03-01T10:00:00Z")), current.path("time").asText());
            assertEquals(entry.path("success").asLong(), current.path("success").asLong());
            assertEquals(entry.path("failed").asLong(), current.path("failed").asLong());
            assertEquals(label(Instant.parse("2026-03-01T06:50:00Z")), recent.get(0).path("time").asText());
        }

        clock.advance(Duration.ofMinutes(10));
        for (JsonNode entry : usage().path("fake")) {
            JsonNode recent = entry.path("recent_requests");
            assertEquals(2, recent.get(18).path("success").asLong() + recent.get(18).path("failed").asLong());
            assertEquals(0, recent.get(19).path("success").asLong() + recent.get(19).path("failed").asLong());
            assertEquals(2, entry.path("success").asLong() + entry.path("failed").asLong(), "totals stay");
        }
    }

    @Test
    void aFailureThatIsNotRetriedCountsOnce() {
        proxy.upstream().enqueue(
                CompatUpstream.json(400, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}"));
        assertEquals(400, proxy.post("/v1/chat/completions", CompatUpstream.KEY, CompatUpstream.CHAT).statusCode());
        JsonNode fake = Await.until(() -> usage().path("fake"), p -> total(p, "failed") >= 1);
        assertEquals(1, total(fake, "failed"));
        assertEquals(0, total(fake, "success"));
    }

    @Test
    void idleCredentialsAreListedWithZeros() {
        JsonNode idle = usage().path("claude").path("|sk-...6789");
        assertEquals(0, idle.path("success").asLong(-1));
        assertEquals(0, idle.path("failed").asLong(-1));
        assertEquals(20, idle.path("recent_requests").size());
        assertTrue(idle.path("recent_requests").findValues("success").stream().allMatch(v -> v.asLong() == 0));
    }

    @Test
    void needsTheManagementKey() {
        assertEquals(401, proxy.get("/v0/management/api-key-usage", null).statusCode());
    }
}
