package dev.cliproxy.host.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.metrics.Await;
import dev.cliproxy.host.metrics.CompatUpstream;
import dev.cliproxy.host.testing.MutableClock;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /v0/management/usage-queue: one record per request while usage statistics are on. */
class UsageQueueTest {

    private static final String SECRET = "usage-queue-secret-key";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:07:00Z"));

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer().clock(clock);

    private void start(String settings) {
        proxy.start(CompatUpstream.config(1, settings + "remote-management:\n  secret-key: \"" + SECRET + "\"\n"));
    }

    private HttpResponse<String> queue(String query) {
        return proxy.get("/v0/management/usage-queue" + query, SECRET);
    }

    private JsonNode pop(String query) {
        HttpResponse<String> r = queue(query);
        assertEquals(200, r.statusCode(), r.body());
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void chat(String requestId) {
        proxy.upstream().enqueue(CompatUpstream.ok());
        HttpResponse<String> r = proxy.send(proxy.request("/v1/chat/completions")
                .header("Authorization", "Bearer " + CompatUpstream.KEY).header("Content-Type", "application/json")
                .header("X-Request-Id", requestId).header("User-Agent", "queue-test/1.0")
                .POST(HttpRequest.BodyPublishers.ofString(CompatUpstream.CHAT)).build());
        assertEquals(200, r.statusCode(), r.body());
    }

    private UsageQueue usageQueue() {
        return proxy.server().observability().usageQueue();
    }

    @Test
    void recordsEachRequestInTheAnchorsShapeWithoutSecrets() {
        start("usage-statistics-enabled: true\n");
        chat("req-one");
        chat("req-two");
        Await.until(() -> usageQueue().size(), n -> n == 2);

        JsonNode records = pop("?count=5");
        assertEquals(2, records.size(), records.toString());
        JsonNode r = records.get(0);
        assertEquals("req-one", r.path("request_id").asText());
        assertEquals("req-two", records.get(1).path("request_id").asText());
        assertEquals("openai-compat", r.path("provider").asText());
        assertEquals("openai-compat", r.path("executor_type").asText());
        assertEquals("my-model", r.path("model").asText());
        assertEquals("my-model", r.path("alias").asText());
        assertEquals("openai", r.path("endpoint").asText());
        assertEquals("fake", r.path("source").asText());
        assertEquals("api_key", r.path("auth_type").asText());
        assertFalse(r.path("auth_index").asText().isEmpty());
        assertEquals("queue-test/1.0", r.path("user_agent").asText());
        assertFalse(r.path("failed").asBoolean(true));
        assertTrue(r.path("generate").asBoolean());
        assertFalse(r.path("stream").asBoolean(true));
        assertEquals(200, r.at("/fail/status_code").asInt());
        assertEquals(3, r.at("/tokens/input_tokens").asLong());
        assertEquals(2, r.at("/tokens/output_tokens").asLong());
        assertEquals(5, r.at("/tokens/total_tokens").asLong());
        assertTrue(r.path("latency_ms").asLong(-1) >= 0);
        assertEquals(Instant.parse("2026-03-01T10:07:00Z"), Instant.parse(r.path("timestamp").asText())
                .plusMillis(r.path("latency_ms").asLong()));
        for (String field : new String[] {"client_ip", "x_forwarded_for", "api_key", "reasoning_effort",
                "service_tier", "ttft_ms", "accounting_version", "tokens", "fail"}) {
            assertTrue(r.has(field), field);
        }
        assertFalse(records.toString().contains(CompatUpstream.KEY), "no client key");
        assertFalse(records.toString().contains("up-key-secret"), "no upstream key");

        assertEquals(0, pop("").size(), "popped records are gone");
    }

    @Test
    void popsOneByDefaultAndRefusesABadCount() {
        start("usage-statistics-enabled: true\n");
        for (String id : new String[] {"a", "b", "c"}) {
            chat(id);
        }
        Await.until(() -> usageQueue().size(), n -> n == 3);
        assertEquals(List.of("a", "b"), ids(pop("?count=2")));
        assertEquals(List.of("c"), ids(pop("")));
        for (String bad : new String[] {"0", "-1", "many"}) {
            HttpResponse<String> r = queue("?count=" + bad);
            assertEquals(400, r.statusCode(), bad);
            assertEquals("{\"error\":\"invalid count\"}", r.body());
        }
    }

    @Test
    void recordsNothingWhileUsageStatisticsAreOff() {
        start("");
        chat("while-off");
        HttpResponse<String> on = proxy.send(proxy.request("/v0/management/usage-statistics-enabled")
                .header("Authorization", "Bearer " + SECRET).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":true}")).build());
        assertEquals(200, on.statusCode(), on.body());
        chat("while-on");
        Await.until(() -> usageQueue().size(), n -> n >= 1);
        assertEquals(List.of("while-on"), ids(pop("?count=10")));
    }

    @Test
    void dropsRecordsOlderThanTheRetention() {
        start("usage-statistics-enabled: true\nredis-usage-queue-retention-seconds: 30\n");
        chat("old");
        Await.until(() -> usageQueue().size(), n -> n == 1);
        clock.advance(Duration.ofSeconds(31));
        assertEquals(0, pop("?count=10").size());
    }

    private static List<String> ids(JsonNode records) {
        List<String> ids = new ArrayList<>();
        records.forEach(r -> ids.add(r.path("request_id").asText()));
        return ids;
    }
}
