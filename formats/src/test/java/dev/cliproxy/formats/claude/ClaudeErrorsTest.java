package dev.cliproxy.formats.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClaudeErrorsTest {

    private final ClaudeCodec codec = new ClaudeCodec();

    record StatusCase(int status, String type) {
    }

    static Stream<StatusCase> statuses() {
        return Stream.of(new StatusCase(400, "invalid_request_error"), new StatusCase(401, "authentication_error"),
                new StatusCase(402, "billing_error"), new StatusCase(403, "permission_error"),
                new StatusCase(404, "not_found_error"), new StatusCase(409, "invalid_request_error"),
                new StatusCase(413, "request_too_large"), new StatusCase(422, "invalid_request_error"),
                new StatusCase(429, "rate_limit_error"), new StatusCase(500, "api_error"),
                new StatusCase(502, "api_error"), new StatusCase(503, "overloaded_error"),
                new StatusCase(504, "timeout_error"), new StatusCase(529, "overloaded_error"));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void errorTypeFollowsTheStatus(StatusCase c) {
        byte[] body = codec.encodeError(ApiError.of(c.status(), "went wrong"));
        assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"" + c.type() + "\",\"message\":\"went wrong\"}}",
                new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void aClaudeErrorTypeCodeWinsOverTheStatusButOtherCodesDoNot() {
        assertEquals("overloaded_error", Json.parse(codec.encodeError(new ApiError(500, "busy", "overloaded_error")))
                .at("/error/type").textValue());
        assertEquals("not_found_error", Json.parse(codec.encodeError(new ApiError(404, "no", "model_not_found")))
                .at("/error/type").textValue());
    }

    @Test
    void aThreadErrorCodeTravelsInTheDetailsTheSdksRead() {
        var root = Json.parse(codec.encodeError(new ApiError(400, "no thread", "thread_not_found")));
        assertEquals("invalid_request_error", root.at("/error/type").asText());
        assertEquals("thread_not_found", root.at("/error/details/error_code").asText());
        assertTrue(Json.parse(codec.encodeError(new ApiError(404, "no", "model_not_found"))).at("/error/details")
                .isMissingNode());
    }

    @Test
    void streamErrorIsAnErrorEvent() {
        SseEvent e = codec.encodeStreamError(ApiError.of(529, "Overloaded"));
        assertEquals("error", e.event());
        assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
                e.dataText());
    }

    @Test
    void upstreamErrorBodiesAreRead() {
        byte[] claude = ("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: "
                + "claude-x\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(new ApiError(404, "model: claude-x", "not_found_error"), codec.decodeError(404, claude));
        byte[] openAi = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":null}}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("Rate limit reached", codec.decodeError(429, openAi).message());
    }

    @Test
    void unreadableErrorBodiesFallBackToTheRawText() {
        assertEquals(new ApiError(502, "<html>Bad Gateway</html>", null),
                codec.decodeError(502, "<html>Bad Gateway</html>\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new ApiError(503, "upstream error (HTTP 503)", null), codec.decodeError(503, new byte[0]));
        assertEquals(new ApiError(500, "upstream error (HTTP 500)", null), codec.decodeError(500, null));
        assertEquals(new ApiError(400, "[1,2]", null),
                codec.decodeError(400, "[1,2]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void tokenCountsBothWays() {
        assertEquals("{\"input_tokens\":2095}", new String(codec.encodeTokenCount(2095), StandardCharsets.UTF_8));
        assertEquals(2095, codec.decodeTokenCount("{\"input_tokens\":2095}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, codec.decodeTokenCount("{\"totalTokens\":3}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, codec.decodeTokenCount("oops".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, codec.decodeTokenCount(new byte[0]));
    }

    @Test
    void nullMessageEncodesAsEmptyText() {
        assertNull(new ApiError(400, null, null).code());
        assertEquals("", Json.parse(codec.encodeError(new ApiError(400, null, null))).at("/error/message").textValue());
    }
}
