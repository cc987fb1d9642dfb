package dev.cliproxy.plugin.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiUpstreamCallsTest {

    private static final byte[] BODY = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}"
            .getBytes(StandardCharsets.UTF_8);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final GeminiProvider provider = new GeminiProvider();

    GeminiUpstreamCallsTest() {
        provider.start(new TestHostServices(Clock.systemUTC()));
    }

    private PluginExchange.Result call(String model, boolean stream, Operation op) throws Exception {
        Credential c = Credential.builder("gemini-x", "gemini").secret("AIza-secret-000001")
                .baseUrl(server.url("/g").toString()).build();
        return PluginExchange.send(provider, UpstreamCall.builder(c, model, BODY).stream(stream).operation(op).build());
    }

    private UpstreamFailure failure(int code, String body) throws Exception {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body).build());
        return call("gemini-2.5-flash", false, Operation.GENERATE).failure();
    }

    @ParameterizedTest(name = "stream={1} {2}")
    @CsvSource({
            "gemini-2.5-flash, false, GENERATE, /g/v1beta/models/gemini-2.5-flash:generateContent, ",
            "gemini-2.5-flash, true, GENERATE, /g/v1beta/models/gemini-2.5-flash:streamGenerateContent, sse",
            "models/gemini-2.5-pro, true, COUNT_TOKENS, /g/v1beta/models/gemini-2.5-pro:countTokens, "})
    void callsTheModelsMethodWithTheApiKeyHeader(String model, boolean stream, Operation op, String path,
                                                  String alt) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        call(model, stream, op);

        RecordedRequest sent = server.takeRequest();
        assertEquals(path, sent.getUrl().encodedPath());
        assertEquals(alt, sent.getUrl().queryParameter("alt"));
        assertEquals("AIza-secret-000001", sent.getHeaders().get("x-goog-api-key"));
        assertNull(sent.getUrl().queryParameter("key"), "the key never goes into the URL");
    }

    @Test
    void streamReturnsTheSseChunks() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body("data: {\"candidates\":[]}\r\n\r\n").build());

        PluginExchange.Result r = call("gemini-2.5-flash", true, Operation.GENERATE);

        assertTrue(r.request().streaming());
        assertEquals("data: {\"candidates\":[]}\r\n\r\n", r.bodyText());
    }

    @Test
    void quotaErrorCoolsForTheRetryInfoDelay() throws Exception {
        UpstreamFailure e = failure(429, """
                {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED",
                 "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},
                            {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}""");

        assertEquals(FailureKind.QUOTA, e.kind());
        assertEquals(Duration.ofSeconds(37), e.retryAfter());
        assertFalse(e.wholeCredential(), "only the model ran out");
    }

    @Test
    void invalidKeyIsAnAuthFailureOfTheCredential() throws Exception {
        UpstreamFailure e = failure(400, """
                {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.",
                 "status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo",
                 "reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}""");

        assertEquals(FailureKind.AUTH, e.kind());
        assertTrue(e.wholeCredential());
    }

    @Test
    void otherBadRequestsAreTheClientsFault() throws Exception {
        UpstreamFailure e = failure(400, "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload\","
                + "\"status\":\"INVALID_ARGUMENT\"}}");

        assertEquals(FailureKind.CLIENT, e.kind());
    }
}
