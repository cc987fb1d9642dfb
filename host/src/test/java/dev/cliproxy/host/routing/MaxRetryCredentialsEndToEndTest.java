package dev.cliproxy.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.CompatConfig;
import dev.cliproxy.host.testing.KeyedDispatcher;
import dev.cliproxy.host.testing.MutableClock;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code max-retry-credentials} through the real server: how many accounts one request may try per round. */
class MaxRetryCredentialsEndToEndTest {

    private static final String KEY = "client-key-0123456789";
    private static final List<String> KEYS = List.of("key-a-0000000000001", "key-b-0000000000002",
            "key-c-0000000000003", "key-d-0000000000004");

    private final KeyedDispatcher keys = new KeyedDispatcher();

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer().dispatcher(keys)
            .clock(MutableClock.startingNow());

    @BeforeEach
    void everyKeyIsOverloaded() {
        KEYS.forEach(k -> keys.on(k, () -> ChatFixtures.error(503, "overloaded")));
    }

    private void start(String settings) {
        proxy.start(CompatConfig.withKeys(KEY, KEYS, settings));
    }

    private int upstreamHits() {
        return KEYS.stream().mapToInt(keys::hits).sum();
    }

    @Test
    void aRoundTriesAtMostMaxRetryCredentialsAccounts() {
        start("max-retry-credentials: 2\nrequest-retry: 0");
        assertEquals(503, proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false)).statusCode());
        assertEquals(2, upstreamHits(), "two accounts tried, the other two left alone");
    }

    @Test
    void zeroTriesEveryAccount() {
        start("max-retry-credentials: 0\nrequest-retry: 0");
        proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false));
        assertEquals(4, upstreamHits());
    }

    @Test
    void aNegativeValueMeansEveryAccount() {
        start("max-retry-credentials: -1\nrequest-retry: 0");
        proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false));
        assertEquals(4, upstreamHits());
    }

    @Test
    void theLimitAppliesPerRoundAndTheNextRequestTriesTheAccountsNotYetCooling() {
        start("max-retry-credentials: 1\nrequest-retry: 0");
        proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false));
        assertEquals(1, upstreamHits());
        keys.on(KEYS.get(1), () -> ChatFixtures.ok("fine"));
        keys.on(KEYS.get(2), () -> ChatFixtures.ok("fine"));
        keys.on(KEYS.get(3), () -> ChatFixtures.ok("fine"));
        assertEquals(200, proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false)).statusCode());
        assertEquals(0, keys.hits(KEYS.get(0)) - 1, "the cooling account is not tried again");
    }
}
