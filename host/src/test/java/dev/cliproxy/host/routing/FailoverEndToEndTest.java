package dev.cliproxy.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.KeyedDispatcher;
import dev.cliproxy.host.testing.MutableClock;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import dev.cliproxy.host.testing.Sse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three upstream keys behind one model: one out of quota (429 with Retry-After), one failing (500), one healthy.
 * Every client request must succeed; the failing keys are benched until their cooldowns end (moved by a test clock,
 * so nothing sleeps) and then used again.
 */
class FailoverEndToEndTest {

    private static final String KEY = "client-key-0123456789";
    private static final String QUOTA = "key-quota-000000001";
    private static final String BROKEN = "key-broken-00000002";
    private static final String GOOD = "key-good-0000000003";

    private final KeyedDispatcher keys = new KeyedDispatcher();
    private final MutableClock clock = MutableClock.startingNow();

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer("""
            api-keys: ["%s"]
            transient-error-cooldown-seconds: 20
            openai-compatibility:
              - name: fake
                base-url: {upstream}/v1
                api-key-entries:
                  - api-key: %s
                  - api-key: %s
                  - api-key: %s
                models:
                  - name: up-model
                    alias: m
            """.formatted(KEY, QUOTA, BROKEN, GOOD)).dispatcher(keys).clock(clock);

    private HttpResponse<String> ask(boolean stream) {
        return proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", stream));
    }

    private void allSucceed(int n, boolean stream) throws Exception {
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = ask(stream);
            assertEquals(200, r.statusCode(), r.body());
            if (stream) {
                List<SseEvent> events = Sse.parse(r.body());
                assertEquals("[DONE]", events.get(events.size() - 1).dataText(), r.body());
                assertTrue(r.body().contains("\"content\":\"fine\""), r.body());
            } else {
                assertEquals("fine", Json.MAPPER.readTree(r.body()).at("/choices/0/message/content").asText());
            }
        }
    }

    private void failingKeys(boolean stream) {
        keys.on(QUOTA, () -> ChatFixtures.quota(30, "You exceeded your current quota"))
                .on(BROKEN, () -> ChatFixtures.error(500, "boom"))
                .on(GOOD, () -> stream ? ChatFixtures.stream("fine") : ChatFixtures.ok("fine"));
    }

    @Test
    void everyRequestSucceedsAndBenchedKeysReturnWhenTheirCooldownsEnd() throws Exception {
        failingKeys(false);

        allSucceed(12, false);
        assertEquals(1, keys.hits(QUOTA), "the 429 key is tried once, then benched");
        assertEquals(1, keys.hits(BROKEN), "the 500 key is tried once, then benched");
        assertEquals(12, keys.hits(GOOD));

        clock.advance(Duration.ofSeconds(19));
        allSucceed(6, false);
        assertEquals(1, keys.hits(QUOTA), "still inside Retry-After: 30");
        assertEquals(1, keys.hits(BROKEN), "still inside the 20 s transient cooldown");

        clock.advance(Duration.ofSeconds(2));
        keys.on(BROKEN, () -> ChatFixtures.ok("fine"));
        allSucceed(6, false);
        assertTrue(keys.hits(BROKEN) >= 3, "the 500 key is back after its short cooldown: " + keys.hits(BROKEN));
        assertEquals(1, keys.hits(QUOTA), "the 429 key is skipped until its time");

        clock.advance(Duration.ofSeconds(10));
        keys.on(QUOTA, () -> ChatFixtures.ok("fine"));
        allSucceed(6, false);
        assertTrue(keys.hits(QUOTA) >= 2, "the 429 key is back once Retry-After has passed: " + keys.hits(QUOTA));
    }

    @Test
    void everyStreamSucceedsAndBenchedKeysReturnWhenTheirCooldownsEnd() throws Exception {
        failingKeys(true);

        allSucceed(9, true);
        assertEquals(1, keys.hits(QUOTA));
        assertEquals(1, keys.hits(BROKEN));
        assertEquals(9, keys.hits(GOOD));

        clock.advance(Duration.ofSeconds(21));
        keys.on(BROKEN, () -> ChatFixtures.stream("fine"));
        allSucceed(6, true);
        assertTrue(keys.hits(BROKEN) >= 3, "the 500 key streams again: " + keys.hits(BROKEN));
        assertEquals(1, keys.hits(QUOTA), "the 429 key is skipped until its time");

        clock.advance(Duration.ofSeconds(10));
        keys.on(QUOTA, () -> ChatFixtures.stream("fine"));
        allSucceed(6, true);
        assertTrue(keys.hits(QUOTA) >= 2, "the 429 key streams again: " + keys.hits(QUOTA));
    }

    @Test
    void answers429WithTruthfulRetryAfterWhenEveryKeyIsCooling() throws Exception {
        keys.on(QUOTA, () -> ChatFixtures.quota(40, "quota A is gone"))
                .on(BROKEN, () -> ChatFixtures.quota(50, "quota B is gone"))
                .on(GOOD, () -> ChatFixtures.quota(60, "quota C is gone"));

        HttpResponse<String> first = ask(false);
        assertEquals(429, first.statusCode(), first.body());
        assertEquals("40", first.headers().firstValue("Retry-After").orElse(""), "the earliest key returns in 40 s");
        assertTrue(first.body().contains("quota") && first.body().contains("is gone"),
                "the real upstream error is relayed: " + first.body());
        assertEquals(3, keys.hits(QUOTA) + keys.hits(BROKEN) + keys.hits(GOOD), "each key tried once");

        clock.advance(Duration.ofSeconds(15));
        HttpResponse<String> second = ask(false);
        assertEquals(429, second.statusCode());
        assertEquals("25", second.headers().firstValue("Retry-After").orElse(""));
        JsonNode error = Json.MAPPER.readTree(second.body()).path("error");
        assertEquals("model_cooldown", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("is gone"),
                "the client still learns the upstream's own error: " + error);
        assertEquals(3, keys.hits(QUOTA) + keys.hits(BROKEN) + keys.hits(GOOD), "no upstream call while cooling");

        HttpResponse<String> claude = proxy.post("/v1/messages", KEY,
                "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(429, claude.statusCode());
        assertEquals("25", claude.headers().firstValue("Retry-After").orElse(""));
        JsonNode claudeError = Json.MAPPER.readTree(claude.body());
        assertEquals("error", claudeError.path("type").asText(), "Claude clients get Claude's error shape");
        assertEquals("rate_limit_error", claudeError.at("/error/type").asText());

        clock.advance(Duration.ofSeconds(26));
        keys.on(QUOTA, () -> ChatFixtures.ok("fine"));
        assertEquals(200, ask(false).statusCode(), "the first key is used again once its reset time has passed");
    }

    @Test
    void benchesRejectedKeyForThirtyMinutesWhileOthersServe() throws Exception {
        keys.on(QUOTA, () -> ChatFixtures.error(401, "Incorrect API key provided"))
                .on(BROKEN, () -> ChatFixtures.ok("fine"))
                .on(GOOD, () -> ChatFixtures.ok("fine"));

        allSucceed(6, false);
        clock.advance(Duration.ofMinutes(29));
        allSucceed(6, false);
        assertEquals(1, keys.hits(QUOTA), "a rejected key stays benched for 30 minutes");
        clock.advance(Duration.ofMinutes(2));
        allSucceed(6, false);
        assertTrue(keys.hits(QUOTA) >= 2, "and is tried again afterwards");
    }

    @Test
    void relaysClientFaultWithoutTryingOtherKeysOrBenching() throws Exception {
        keys.on(QUOTA, () -> ChatFixtures.error(400, "bad temperature"))
                .on(BROKEN, () -> ChatFixtures.error(400, "bad temperature"))
                .on(GOOD, () -> ChatFixtures.error(400, "bad temperature"));

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = ask(false);
            assertEquals(400, r.statusCode());
            assertEquals("bad temperature", Json.MAPPER.readTree(r.body()).at("/error/message").asText());
        }
        assertEquals(1, keys.hits(QUOTA), "not benched: round-robin reaches every key");
        assertEquals(1, keys.hits(BROKEN));
        assertEquals(1, keys.hits(GOOD));
    }
}
