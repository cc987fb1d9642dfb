package dev.cliproxy.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.routing.RetryPolicy;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Binding of the routing, retry, cooldown and streaming keys. */
class FailoverConfigTest {

    private static ProxyConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", null);
    }

    record Case(String value, String canonical) {
    }

    static Stream<Case> strategies() {
        return Stream.of(new Case("round-robin", "round-robin"), new Case("rr", "round-robin"),
                new Case("RoundRobin", "round-robin"), new Case("fill-first", "fill-first"),
                new Case("ff", "fill-first"), new Case("fillfirst", "fill-first"),
                new Case("weighted-round-robin", "weighted-round-robin"), new Case("wrr", "weighted-round-robin"),
                new Case("weighted_round_robin", "weighted-round-robin"));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void acceptsTheAnchorsStrategySpellings(Case c) {
        assertEquals(c.canonical(), parse("routing:\n  strategy: " + c.value() + "\n").routing().strategy());
    }

    @Test
    void rejectsAnUnknownStrategyNamingTheKeyAndLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("port: 1\nrouting:\n  strategy: random\n"));
        assertTrue(e.getMessage().contains("routing.strategy") && e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void defaultsMatchTheAnchor() {
        ProxyConfig c = parse("port: 1\n");
        assertEquals("round-robin", c.routing().strategy());
        assertEquals(0, c.requestRetry());
        assertEquals(0, c.maxRetryInterval());
        assertEquals(new ProxyConfig.Failover(0, 60, false, 1800), c.failover());
        assertEquals(0, c.streaming().keepaliveSeconds());
        assertEquals(0, c.streaming().bootstrapRetries());
        assertTrue(c.quotaExceeded().switchProject() && c.quotaExceeded().switchPreviewModel());
    }

    @Test
    void bindsEveryFailoverKey() {
        ProxyConfig c = parse("""
                request-retry: 3
                max-retry-interval: 30
                max-retry-credentials: 2
                transient-error-cooldown-seconds: 5
                disable-cooling: true
                quota-cooldown-cap-seconds: 600
                streaming:
                  keepalive-seconds: 15
                  bootstrap-retries: 1
                quota-exceeded:
                  switch-project: false
                  switch-preview-model: false
                """);
        assertEquals(3, c.requestRetry());
        assertEquals(30, c.maxRetryInterval());
        assertEquals(new ProxyConfig.Failover(2, 5, true, 600), c.failover());
        assertEquals(new ProxyConfig.Streaming(15, 1), c.streaming());
        assertFalse(c.quotaExceeded().switchProject() || c.quotaExceeded().switchPreviewModel());
        assertEquals(new RetryPolicy(3, Duration.ofSeconds(30), 2, false, false), RetryPolicy.of(c, false));
        assertEquals(4, RetryPolicy.of(c, true).extraRounds(), "streams add streaming.bootstrap-retries");
    }

    @Test
    void transientCooldownZeroMeansTheDefaultAndMinusOneMeansNone() {
        assertEquals(60, parse("transient-error-cooldown-seconds: 0\n").failover().transientErrorCooldownSeconds());
        assertEquals(-1, parse("transient-error-cooldown-seconds: -1\n").failover().transientErrorCooldownSeconds());
        assertEquals(-1, parse("transient-error-cooldown-seconds: -7\n").failover().transientErrorCooldownSeconds());
    }
}
