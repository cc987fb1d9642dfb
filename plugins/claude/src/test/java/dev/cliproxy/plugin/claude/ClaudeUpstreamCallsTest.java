package dev.cliproxy.plugin.claude;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.ModelAlias;
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
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class ClaudeUpstreamCallsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final byte[] BODY = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[]}"
            .getBytes(StandardCharsets.UTF_8);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final ClaudeProvider provider = new ClaudeProvider();

    ClaudeUpstreamCallsTest() {
        provider.start(new TestHostServices(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private Credential credential(Map<String, String> headers) {
        String base = server.url("/anthropic").toString();
        return Credential.builder("claude-x", "claude").label("claude-api-key[0]")
                .secret("sk-ant-api03-secret-000001").baseUrl(base)
                .models(List.of(new ModelAlias("claude-sonnet-4-5", ""))).headers(headers).build();
    }

    private PluginExchange.Result call(boolean stream, Operation op, Map<String, String> clientHeaders)
            throws Exception {
        return PluginExchange.send(provider, UpstreamCall.builder(credential(Map.of()), "claude-sonnet-4-5", BODY)
                .requestId("req-1").stream(stream).operation(op).clientHeaders(clientHeaders).build());
    }

    private UpstreamFailure failure(MockResponse answer) throws Exception {
        server.enqueue(answer);
        return call(false, Operation.GENERATE, Map.of()).failure();
    }

    private static MockResponse error(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void postsMessagesWithApiKeyVersionAndTheClientsBeta() throws Exception {
        server.enqueue(error(200, "{\"id\":\"msg_1\",\"type\":\"message\"}"));

        PluginExchange.Result r = call(false, Operation.GENERATE,
                Map.of("anthropic-beta", "interleaved-thinking-2025-05-14"));

        RecordedRequest sent = server.takeRequest();
        assertEquals("/anthropic/v1/messages", sent.getUrl().encodedPath());
        assertEquals("sk-ant-api03-secret-000001", sent.getHeaders().get("x-api-key"));
        assertEquals("2023-06-01", sent.getHeaders().get("anthropic-version"));
        assertEquals("interleaved-thinking-2025-05-14", sent.getHeaders().get("anthropic-beta"));
        assertEquals("application/json", sent.getHeaders().get("Accept"));
        assertNull(sent.getHeaders().get("Authorization"));
        assertArrayEquals(BODY, sent.getBody().toByteArray());
        assertEquals("{\"id\":\"msg_1\",\"type\":\"message\"}", r.bodyText());
        assertFalse(r.request().streaming());
    }

    @Test
    void theClientsAnthropicVersionWins() throws Exception {
        server.enqueue(error(200, "{}"));

        call(false, Operation.GENERATE, Map.of("anthropic-version", "2024-01-01"));

        assertEquals("2024-01-01", server.takeRequest().getHeaders().get("anthropic-version"));
    }

    @Test
    void streamsAskForAnEventStreamAndReturnItsEvents() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body("event: message_start\ndata: {\"type\":\"message_start\"}\n\nevent: message_stop\n"
                        + "data: {\"type\":\"message_stop\"}\n\n").build());

        PluginExchange.Result r = call(true, Operation.GENERATE, Map.of());

        assertEquals("text/event-stream", server.takeRequest().getHeaders().get("Accept"));
        assertTrue(r.request().streaming());
        assertTrue(r.bodyText().startsWith("event: message_start"));
    }

    @Test
    void tokenCountsGoToCountTokensAsAWholeAnswer() throws Exception {
        server.enqueue(error(200, "{\"input_tokens\":12}"));

        PluginExchange.Result r = call(true, Operation.COUNT_TOKENS, Map.of());

        assertEquals("/anthropic/v1/messages/count_tokens", server.takeRequest().getUrl().encodedPath());
        assertFalse(r.request().streaming());
    }

    @Test
    void configuredHeadersAreSentAndClientHeaderReferencesResolved() throws Exception {
        server.enqueue(error(200, "{}"));
        Credential c = credential(Map.of("X-Team", "blue", "X-Session", "$x-session-id", "X-Absent", "$x-nope",
                "anthropic-version", "2025-02-02"));

        PluginExchange.send(provider, UpstreamCall.builder(c, "m", BODY)
                .clientHeaders(Map.of("x-session-id", "sess-9")).build());

        var headers = server.takeRequest().getHeaders();
        assertEquals("blue", headers.get("X-Team"));
        assertEquals("sess-9", headers.get("X-Session"));
        assertNull(headers.get("X-Absent"));
        assertEquals("2025-02-02", headers.get("anthropic-version"), "configured headers override the defaults");
    }

    @Test
    void rateLimitCoolsForRetryAfter() throws Exception {
        UpstreamFailure e = failure(new MockResponse.Builder().code(429).addHeader("retry-after", "17")
                .body("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}")
                .build());

        assertEquals(FailureKind.QUOTA, e.kind());
        assertEquals(Duration.ofSeconds(17), e.retryAfter());
        assertFalse(e.wholeCredential());
        assertTrue(new String(e.body(), StandardCharsets.UTF_8).contains("slow down"));
    }

    @Test
    void rateLimitWithoutRetryAfterCoolsUntilTheExhaustedLimitResets() throws Exception {
        UpstreamFailure e = failure(new MockResponse.Builder().code(429)
                .addHeader("anthropic-ratelimit-requests-remaining", "0")
                .addHeader("anthropic-ratelimit-requests-reset", "2026-11-20T10:00:40Z")
                .addHeader("anthropic-ratelimit-tokens-remaining", "9000")
                .addHeader("anthropic-ratelimit-tokens-reset", "2026-11-20T10:00:05Z")
                .body("{}").build());

        assertEquals(Duration.ofSeconds(40), e.retryAfter());
    }

    @Test
    void rejectedSubscriptionWindowBenchesTheWholeCredential() throws Exception {
        UpstreamFailure e = failure(new MockResponse.Builder().code(429)
                .addHeader("anthropic-ratelimit-unified-status", "rejected")
                .addHeader("anthropic-ratelimit-unified-reset", String.valueOf(NOW.getEpochSecond() + 3600))
                .body("{}").build());

        assertTrue(e.wholeCredential());
        assertEquals(Duration.ofHours(1), e.retryAfter());
    }

    @Test
    void overloadedIsTransientAndInvalidRequestIsTheClientsFault() throws Exception {
        UpstreamFailure overloaded = failure(error(529, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        UpstreamFailure invalid = failure(error(400, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"invalid_request_error\",\"message\":\"max_tokens: required\"}}"));
        UpstreamFailure auth = failure(error(401, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));

        assertEquals(FailureKind.TRANSIENT, overloaded.kind());
        assertEquals(FailureKind.CLIENT, invalid.kind());
        assertEquals(400, invalid.status());
        assertEquals(FailureKind.AUTH, auth.kind());
    }

    @Test
    void exhaustedCreditBalanceIsAQuotaProblemOfTheKey() throws Exception {
        UpstreamFailure e = failure(error(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"Your credit balance is too low to access the Anthropic API.\"}}"));

        assertEquals(FailureKind.QUOTA, e.kind());
        assertTrue(e.wholeCredential());
    }
}
