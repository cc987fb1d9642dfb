package dev.cliproxy.plugin.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamException;
import dev.cliproxy.api.UpstreamResponse;
import dev.cliproxy.api.testing.JdkUpstreamHttp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class CodexExecutorTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final byte[] BODY = "{\"model\":\"gpt-5.5\",\"stream\":true,\"input\":[]}"
            .getBytes(StandardCharsets.UTF_8);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final CodexExecutor executor = new CodexExecutor(new JdkUpstreamHttp(), Clock.fixed(NOW, ZoneOffset.UTC));

    private UpstreamResponse call(Operation op) {
        Credential c = Credential.of("codex-x", "codex", "sk-codex-secret-000001", server.url("/v1").toString());
        return executor.execute(new UpstreamCall("r", c, "gpt-5.5", BODY, true, op, Map.of(), null));
    }

    private UpstreamException failure(MockResponse answer) {
        server.enqueue(answer);
        return assertThrows(UpstreamException.class, () -> call(Operation.GENERATE));
    }

    @Test
    void postsResponsesWithBearerAndAlwaysStreams() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body("event: response.created\ndata: {\"type\":\"response.created\"}\n\n").build());

        UpstreamResponse r = call(Operation.GENERATE);

        RecordedRequest sent = server.takeRequest();
        assertEquals("/v1/responses", sent.getUrl().encodedPath());
        assertEquals("Bearer sk-codex-secret-000001", sent.getHeaders().get("Authorization"));
        assertEquals("text/event-stream", sent.getHeaders().get("Accept"));
        try (var events = assertInstanceOf(UpstreamResponse.Streaming.class, r).events()) {
            assertEquals("response.created", events.next().event());
        }
    }

    @Test
    void tokenCountingIsNotSupportedUpstream() {
        assertThrows(UnsupportedOperationException.class, () -> call(Operation.COUNT_TOKENS));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void usageLimitCoolsTheWholeCredentialUntilTheReset() {
        UpstreamException e = failure(new MockResponse.Builder().code(429).body("""
                {"error":{"type":"usage_limit_reached","message":"The usage limit has been reached",
                 "plan_type":"plus","resets_in_seconds":5400}}""").build());

        assertEquals(FailureKind.QUOTA, e.kind());
        assertEquals(Duration.ofSeconds(5400), e.retryAfter());
        assertTrue(e.wholeCredential());
    }

    @Test
    void resetsAtIsReadWhenNoDelayIsGiven() {
        UpstreamException e = failure(new MockResponse.Builder().code(429).body(
                "{\"error\":{\"type\":\"usage_limit_reached\",\"resets_at\":" + (NOW.getEpochSecond() + 90) + "}}")
                .build());

        assertEquals(Duration.ofSeconds(90), e.retryAfter());
    }

    @Test
    void plainRateLimitUsesRetryAfterAndCoolsOnlyTheModel() {
        UpstreamException e = failure(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").body(
                "{\"error\":{\"type\":\"rate_limit_exceeded\",\"message\":\"Rate limit reached\"}}").build());

        assertEquals(Duration.ofSeconds(3), e.retryAfter());
        assertFalse(e.wholeCredential());
    }
}
