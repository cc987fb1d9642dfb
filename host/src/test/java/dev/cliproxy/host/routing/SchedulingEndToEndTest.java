package dev.cliproxy.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.KeyedDispatcher;
import dev.cliproxy.host.testing.MutableClock;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Credential selection through the real server: round-robin, fill-first, weighted, and live strategy changes. */
class SchedulingEndToEndTest {

    private static final String KEY = "client-key-0123456789";
    private static final List<String> KEYS = List.of("key-a-0000000000001", "key-b-0000000000002",
            "key-c-0000000000003");

    private final KeyedDispatcher keys = new KeyedDispatcher();
    private final MutableClock clock = MutableClock.startingNow();

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer().dispatcher(keys).clock(clock);

    @BeforeEach
    void answerOk() {
        KEYS.forEach(k -> keys.on(k, () -> ChatFixtures.ok("fine")));
    }

    private String config(String routing, int... weights) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < KEYS.size(); i++) {
            entries.append("      - api-key: ").append(KEYS.get(i)).append('\n');
            if (weights.length > 0) {
                entries.append("        weight: ").append(weights[i]).append('\n');
            }
        }
        return """
                api-keys: ["%s"]
                %s
                openai-compatibility:
                  - name: fake
                    base-url: {upstream}/v1
                    api-key-entries:
                %s    models:
                      - name: up-model
                        alias: m
                """.formatted(KEY, routing, entries);
    }

    private void send(int n) {
        for (int i = 0; i < n; i++) {
            assertEquals(200, proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false)).statusCode());
        }
    }

    @Test
    void roundRobinSpreads3000ConcurrentRequestsWithinOnePercent() throws Exception {
        proxy.start(config("routing: {strategy: round-robin}"));
        int total = 3000;
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                results.add(clients.submit(() -> proxy.post("/v1/chat/completions", KEY,
                        ChatFixtures.request("m", false)).statusCode()));
            }
            for (Future<Integer> f : results) {
                assertEquals(200, f.get());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        for (String k : KEYS) {
            int hits = keys.hits(k);
            assertTrue(Math.abs(hits - total / 3) <= total / 3 / 100, k + " got " + hits + " of " + total);
        }
        System.out.printf("round-robin: %d requests over 8 client threads in %d ms; per key %d/%d/%d%n", total,
                millis, keys.hits(KEYS.get(0)), keys.hits(KEYS.get(1)), keys.hits(KEYS.get(2)));
    }

    @Test
    void fillFirstUsesTheFirstKeyUntilItCoolsThenTheNext() {
        proxy.start(config("routing: {strategy: ff}"));
        send(10);
        assertEquals(10, keys.hits(KEYS.get(0)));
        assertEquals(0, keys.hits(KEYS.get(1)) + keys.hits(KEYS.get(2)));

        keys.on(KEYS.get(0), () -> ChatFixtures.quota(30, "quota gone"));
        send(5);
        assertEquals(11, keys.hits(KEYS.get(0)), "the first key is tried once more, answers 429, then cools");
        assertEquals(5, keys.hits(KEYS.get(1)), "the second key fills up next");
        assertEquals(0, keys.hits(KEYS.get(2)));

        clock.advance(Duration.ofSeconds(31));
        keys.on(KEYS.get(0), () -> ChatFixtures.ok("fine"));
        send(3);
        assertEquals(14, keys.hits(KEYS.get(0)), "back to the first key once it has cooled down");
    }

    @Test
    void weightedRoundRobinGivesEachKeyItsShare() {
        proxy.start(config("routing: {strategy: wrr}", 1, 2, 3));
        send(600);
        assertEquals(100, keys.hits(KEYS.get(0)));
        assertEquals(200, keys.hits(KEYS.get(1)));
        assertEquals(300, keys.hits(KEYS.get(2)));
    }

    @Test
    void strategyChangeAppliesToTheNextRequest() {
        proxy.start(config("routing: {strategy: round-robin}"));
        send(6);
        KEYS.forEach(k -> assertEquals(2, keys.hits(k), "round-robin: " + k));

        proxy.reload(config("routing: {strategy: fill-first}"));
        send(6);
        assertEquals(8, keys.hits(KEYS.get(0)), "fill-first right after the reload");
        assertEquals(2, keys.hits(KEYS.get(1)));
        assertEquals(2, keys.hits(KEYS.get(2)));
    }
}
