package dev.cliproxy.formats.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiErrorsTest {

    private static final GeminiCodec CODEC = new GeminiCodec();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    record StatusCase(int status, String googleStatus) {
    }

    static Stream<StatusCase> statuses() {
        return Stream.of(new StatusCase(400, "INVALID_ARGUMENT"), new StatusCase(401, "UNAUTHENTICATED"),
                new StatusCase(403, "PERMISSION_DENIED"), new StatusCase(404, "NOT_FOUND"),
                new StatusCase(429, "RESOURCE_EXHAUSTED"), new StatusCase(500, "INTERNAL"),
                new StatusCase(503, "UNAVAILABLE"), new StatusCase(504, "DEADLINE_EXCEEDED"),
                new StatusCase(413, "INVALID_ARGUMENT"), new StatusCase(502, "UNAVAILABLE"),
                new StatusCase(529, "INTERNAL"));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void errorBodiesCarryTheGoogleStatusOfTheHttpStatus(StatusCase c) {
        assertEquals(Json.parse(bytes("{\"error\":{\"code\":" + c.status() + ",\"message\":\"m\",\"status\":\""
                + c.googleStatus() + "\"}}")), Json.parse(CODEC.encodeError(new ApiError(c.status(), "m",
                "model_not_found"))));
    }

    @Test
    void aGoogleStatusCodeIsUsedAsIs() {
        assertEquals("FAILED_PRECONDITION", Json.parse(CODEC.encodeError(new ApiError(400, "m",
                "FAILED_PRECONDITION"))).at("/error/status").asText());
    }

    @Test
    void streamErrorsAreUnnamedDataEventsWithTheSameBody() {
        ApiError error = new ApiError(503, "overloaded", null);
        SseEvent event = CODEC.encodeStreamError(error);
        assertNull(event.event());
        assertEquals(Json.parse(CODEC.encodeError(error)), Json.parse(event.data()));
    }

    record DecodeCase(String name, String body, ApiError expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<DecodeCase> upstreamErrors() {
        return Stream.of(
                new DecodeCase("google error", """
                        {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED",
                          "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}""",
                        new ApiError(429, "You exceeded your current quota.", "RESOURCE_EXHAUSTED")),
                new DecodeCase("error inside an array (stream without alt=sse)",
                        "[{\"error\":{\"code\":429,\"message\":\"slow down\",\"status\":\"RESOURCE_EXHAUSTED\"}}]",
                        new ApiError(429, "slow down", "RESOURCE_EXHAUSTED")),
                new DecodeCase("html page", "<html><body>Bad Gateway</body></html>",
                        new ApiError(429, "<html><body>Bad Gateway</body></html>", null)),
                new DecodeCase("other JSON", "{\"message\":\"nope\"}", new ApiError(429, "{\"message\":\"nope\"}", null)),
                new DecodeCase("empty body", "", new ApiError(429, "upstream error (HTTP 429)", null)));
    }

    @ParameterizedTest
    @MethodSource("upstreamErrors")
    void upstreamErrorsDecodeAndNeverThrow(DecodeCase c) {
        assertEquals(c.expected(), CODEC.decodeError(429, bytes(c.body())));
    }

    @Test
    void decodeErrorSurvivesNullAndBinaryBodies() {
        assertEquals(new ApiError(500, "upstream error (HTTP 500)", null), CODEC.decodeError(500, null));
        assertEquals(500, CODEC.decodeError(500, new byte[] {(byte) 0xff, 0x00, 0x7b}).status());
    }

    record DelayCase(String body, Duration expected) {
    }

    static Stream<DelayCase> retryDelays() {
        String prefix = "{\"error\":{\"code\":429,\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\"},"
                + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":";
        return Stream.of(
                new DelayCase(prefix + "\"37s\"}]}}", Duration.ofSeconds(37)),
                new DelayCase(prefix + "\"1.5s\"}]}}", Duration.ofMillis(1500)),
                new DelayCase(prefix + "{\"seconds\":2,\"nanos\":500}}]}}", Duration.ofSeconds(2, 500)),
                new DelayCase("[" + prefix + "\"4s\"}]}}]", Duration.ofSeconds(4)),
                new DelayCase(prefix + "\"soon\"}]}}", null),
                new DelayCase("{\"error\":{\"code\":429,\"message\":\"no details\"}}", null),
                new DelayCase("not json", null),
                new DelayCase("", null));
    }

    @ParameterizedTest
    @MethodSource("retryDelays")
    void retryDelayReadsGoogleRetryInfo(DelayCase c) {
        assertEquals(c.expected(), GeminiErrors.retryDelay(bytes(c.body())));
    }

    @Test
    void retryDelayOfNullIsNull() {
        assertNull(GeminiErrors.retryDelay(null));
    }

    @Test
    void tokenCountsUseTotalTokensWithTextDetails() {
        assertEquals(Json.parse(bytes("{\"totalTokens\":31,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":31}]}")),
                Json.parse(CODEC.encodeTokenCount(31)));
        assertEquals(31, CODEC.decodeTokenCount(bytes("{\"totalTokens\":31,\"cachedContentTokenCount\":0}")));
        assertEquals(12, CODEC.decodeTokenCount(bytes("{\"total_tokens\":12}")));
        assertEquals(-1, CODEC.decodeTokenCount(bytes("{\"input_tokens\":31}")));
        assertEquals(-1, CODEC.decodeTokenCount(bytes("{\"totalTokens\":\"many\"}")));
        assertEquals(-1, CODEC.decodeTokenCount(bytes("garbage")));
        assertEquals(-1, CODEC.decodeTokenCount(null));
    }
}
