package dev.cliproxy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RetryHintsTest {

    record Case(String body, Duration expected) {
    }

    static Stream<Case> bodies() {
        return Stream.of(
                new Case("{\"error\":{\"code\":429,\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                        + "\"retryDelay\":\"37s\"}]}}", Duration.ofSeconds(37)),
                new Case("{\"error\":{\"details\":[{\"retryDelay\": \"1.5s\"}]}}", Duration.ofMillis(1500)),
                new Case("{\"error\":{\"message\":\"Rate limit reached. Please try again in 20s.\"}}",
                        Duration.ofSeconds(20)),
                new Case("{\"error\":{\"message\":\"Please try again in 6m0s. Visit ...\"}}", Duration.ofMinutes(6)),
                new Case("{\"error\":{\"message\":\"Limit resets in 1h2m\"}}", Duration.ofMinutes(62)),
                new Case("{\"error\":{\"message\":\"try again in 250ms\"}}", Duration.ofMillis(250)),
                new Case("{\"error\":{\"message\":\"quota exceeded\"}}", null),
                new Case("", null));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void readsTheResetABodyNames(Case c) {
        assertEquals(c.expected(), RetryHints.fromBody(c.body().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsRetryAfterSecondsDatesAndMilliseconds() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertEquals(Duration.ofSeconds(30), RetryHints.fromHeaders(Map.of("Retry-After", List.of("30")), clock));
        assertEquals(Duration.ofSeconds(90), RetryHints.fromHeaders(
                Map.of("retry-after", List.of("Thu, 01 Jan 2026 00:01:30 GMT")), clock));
        assertEquals(Duration.ofMillis(1200), RetryHints.fromHeaders(Map.of("retry-after-ms", List.of("1200")), clock));
        assertNull(RetryHints.fromHeaders(Map.of("Retry-After", List.of("soon")), clock));
    }

    @Test
    void quotaAnswersUseTheBodyWhenNoHeaderNamesAReset() {
        byte[] body = "{\"error\":{\"message\":\"Please try again in 12s.\"}}".getBytes(StandardCharsets.UTF_8);
        Clock clock = Clock.systemUTC();
        assertEquals(Duration.ofSeconds(12),
                UpstreamFailure.byStatus(UpstreamAnswer.of(429, Map.of(), body), clock).build().retryAfter());
        assertEquals(Duration.ofSeconds(3), UpstreamFailure.byStatus(
                        UpstreamAnswer.of(429, Map.of("Retry-After", List.of("3")), body), clock).build().retryAfter(),
                "the header wins");
        assertNull(UpstreamFailure.byStatus(UpstreamAnswer.of(500, Map.of(), body), clock).build().retryAfter(),
                "only quota answers");
    }
}
