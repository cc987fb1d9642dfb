package dev.cliproxy.plugin.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamFailure;
import dev.cliproxy.api.testing.PluginExchange;
import dev.cliproxy.api.testing.TestHostServices;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class CodexUpstreamCallsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final byte[] BODY = "{\"model\":\"gpt-5.5\",\"stream\":true,\"input\":[]}"
            .getBytes(StandardCharsets.UTF_8);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final CodexProvider provider = new CodexProvider();

    CodexUpstreamCallsTest() {
        provider.start(new TestHostServices(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private Credential credential() {
        return Credential.builder("codex-x", "codex").secret("sk-codex-secret-000001")
                .baseUrl(server.url("/v1").toString()).alwaysStreams(true).build();
    }

    private PluginExchange.Result call() throws Exception {
        return PluginExchange.send(provider, UpstreamCall.builder(credential(), "gpt-5.5", BODY).stream(true).build());
    }

    private UpstreamFailure failure(MockResponse answer) throws Exception {
        server.enqueue(answer);
        return call().failure();
    }

    @Test
    void postsResponsesWithBearerAndAlwaysStreams() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body("event: response.created\ndata: {\"type\":\"response.created\"}\n\n").build());

        PluginExchange.Result r = call();

        RecordedRequest sent = server.takeRequest();
        assertEquals("/v1/responses", sent.getUrl().encodedPath());
        assertEquals("Bearer sk-codex-secret-000001", sent.getHeaders().get("Authorization"));
        assertEquals("text/event-stream", sent.getHeaders().get("Accept"));
        assertTrue(r.request().streaming());
        assertTrue(r.bodyText().startsWith("event: response.created"));
    }

    @Test
    void tokenCountingIsNotSupportedUpstream() {
        assertFalse(provider.supports(Operation.COUNT_TOKENS, credential()));
        assertTrue(provider.supports(Operation.GENERATE, credential()));
    }

    @Test
    void usageLimitCoolsTheWholeCredentialUntilTheReset() throws Exception {
        UpstreamFailure e = failure(new MockResponse.Builder().code(429).body("""
                {"error":{"type":"usage_limit_reached","message":"The usage limit has been reached",
                 "plan_type":"plus","resets_in_seconds":5400}}""").build());

        assertEquals(FailureKind.QUOTA, e.kind());
        assertEquals(Duration.ofSeconds(5400), e.retryAfter());
        assertTrue(e.wholeCredential());
    }

    @Test
    void resetsAtIsReadWhenNoDelayIsGiven() throws Exception {
        UpstreamFailure e = failure(new MockResponse.Builder().code(429).body(
                "{\"error\":{\"type\":\"usage_limit_reached\",\"resets_at\":" + (NOW.getEpochSecond() + 90) + "}}")
                .build());

        assertEquals(Duration.ofSeconds(90), e.retryAfter());
    }

    @Test
    void plainRateLimitUsesRetryAfterAndCoolsOnlyTheModel() throws Exception {
        UpstreamFailure e = failure(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").body(
                "{\"error\":{\"type\":\"rate_limit_exceeded\",\"message\":\"Rate limit reached\"}}").build());

        assertEquals(Duration.ofSeconds(3), e.retryAfter());
        assertFalse(e.wholeCredential());
    }
}
