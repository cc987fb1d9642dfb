package dev.cliproxy.formats.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResponsesErrorsTest {

    private final ResponsesCodec codec = new ResponsesCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    record StatusCase(int status, String type, String code) {
    }

    static Stream<StatusCase> statuses() {
        return Stream.of(new StatusCase(400, "invalid_request_error", null),
                new StatusCase(401, "authentication_error", "invalid_api_key"),
                new StatusCase(403, "permission_error", "insufficient_quota"),
                new StatusCase(404, "invalid_request_error", "model_not_found"),
                new StatusCase(413, "invalid_request_error", null),
                new StatusCase(429, "rate_limit_error", "rate_limit_exceeded"),
                new StatusCase(500, "server_error", "internal_server_error"),
                new StatusCase(503, "server_error", "internal_server_error"));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void errorTypeAndDefaultCodeFollowTheStatus(StatusCase c) {
        JsonNode body = Json.parse(codec.encodeError(ApiError.of(c.status(), "went wrong")));
        String code = c.code() == null ? "null" : "\"" + c.code() + "\"";
        assertEquals(Json.parse(utf8("{\"error\":{\"message\":\"went wrong\",\"type\":\"" + c.type()
                + "\",\"param\":null,\"code\":" + code + "}}")), body);
    }

    @Test
    void explicitCodeWins() {
        JsonNode body = Json.parse(codec.encodeError(new ApiError(400, "m", "context_length_exceeded")));
        assertEquals("context_length_exceeded", body.at("/error/code").textValue());
        assertEquals("invalid_request_error", body.at("/error/type").textValue());
    }

    record DecodeCase(String name, String body, ApiError expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<DecodeCase> upstreamErrors() {
        return Stream.of(
                new DecodeCase("OpenAI shape", "{\"error\":{\"message\":\"Invalid 'input[2].content'\","
                        + "\"type\":\"invalid_request_error\",\"param\":\"input\",\"code\":\"invalid_value\"}}",
                        new ApiError(400, "Invalid 'input[2].content'", "invalid_value")),
                new DecodeCase("type when no code", "{\"error\":{\"type\":\"usage_limit_reached\","
                        + "\"message\":\"The usage limit has been reached\",\"resets_in_seconds\":3600}}",
                        new ApiError(400, "The usage limit has been reached", "usage_limit_reached")),
                new DecodeCase("Codex backend detail", "{\"detail\":\"Unsupported parameter: max_output_tokens\"}",
                        new ApiError(400, "Unsupported parameter: max_output_tokens", null)),
                new DecodeCase("error as a string", "{\"error\":\"bad things\",\"code\":\"x\"}",
                        new ApiError(400, "bad things", "x")),
                new DecodeCase("plain message", "{\"message\":\"nope\"}", new ApiError(400, "nope", null)),
                new DecodeCase("html", "<html>502 Bad Gateway</html>",
                        new ApiError(400, "<html>502 Bad Gateway</html>", null)),
                new DecodeCase("json of another shape", "[1,2]", new ApiError(400, "[1,2]", null)),
                new DecodeCase("empty", "", new ApiError(400, "upstream returned HTTP 400", null)));
    }

    @ParameterizedTest
    @MethodSource("upstreamErrors")
    void decodeErrorNeverThrowsAndKeepsTheMessage(DecodeCase c) {
        assertEquals(c.expected(), codec.decodeError(400, utf8(c.body())));
    }

    @Test
    void decodeErrorOfNullBody() {
        assertEquals(new ApiError(502, "upstream returned HTTP 502", null), codec.decodeError(502, null));
    }

    @Test
    void tokenCountUsesTheInputTokensEndpointShape() {
        assertEquals(Json.parse(utf8("{\"object\":\"response.input_tokens\",\"input_tokens\":1234}")),
                Json.parse(codec.encodeTokenCount(1234)));
        assertEquals(1234, codec.decodeTokenCount(codec.encodeTokenCount(1234)));
        assertEquals(7, codec.decodeTokenCount(utf8("{\"input_tokens\":7}")));
        assertEquals(-1, codec.decodeTokenCount(utf8("{\"total_tokens\":7}")));
        assertEquals(-1, codec.decodeTokenCount(utf8("{\"input_tokens\":\"7\"}")));
        assertEquals(-1, codec.decodeTokenCount(utf8("garbage")));
        assertEquals(-1, codec.decodeTokenCount(new byte[0]));
    }

    @Test
    void streamErrorCodesRoundTripThroughTheStatus() {
        for (int status : new int[] {400, 401, 404, 408, 429, 500, 503}) {
            String code = ResponsesErrors.streamCode(ApiError.of(status, "m"));
            assertEquals(status, ResponsesErrors.statusForCode(code), code);
        }
    }
}
