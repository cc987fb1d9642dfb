package dev.cliproxy.formats.openai;

import static dev.cliproxy.formats.openai.OpenAiFixtures.CODEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiErrorsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "400,,invalid_request_error,null",
            "401,,authentication_error,invalid_api_key",
            "403,,permission_error,null",
            "404,,invalid_request_error,null",
            "404,model_not_found,invalid_request_error,model_not_found",
            "413,,invalid_request_error,null",
            "429,,rate_limit_error,rate_limit_exceeded",
            "429,insufficient_quota,rate_limit_error,insufficient_quota",
            "500,,server_error,null",
            "502,,server_error,null",
            "503,,server_error,null",
            "418,,invalid_request_error,null"})
    void errorTypeFollowsTheStatusAndTheCodeComesFromTheError(int status, String code, String type, String wireCode) {
        var body = Json.parse(CODEC.encodeError(new ApiError(status, "msg", code)));
        var expected = Json.object();
        var err = expected.putObject("error").put("message", "msg").put("type", type);
        err.putNull("param");
        if (wireCode == null) {
            err.putNull("code");
        } else {
            err.put("code", wireCode);
        }
        assertEquals(expected, body);
    }

    @Test
    void unknownModelErrorForTheHost() {
        byte[] body = CODEC.encodeError(new ApiError(404, "The model `gpt-9` does not exist", "model_not_found"));
        assertEquals(Json.parse("""
                {"error":{"message":"The model `gpt-9` does not exist","type":"invalid_request_error","param":null,
                 "code":"model_not_found"}}""".getBytes()), Json.parse(body));
    }

    @Test
    void streamErrorIsAnUnnamedDataEventWithTheSameBody() {
        ApiError e = new ApiError(503, "auth_unavailable: no auth available", null);
        SseEvent event = CODEC.encodeStreamError(e);
        assertNull(event.event());
        assertEquals(Json.parse(CODEC.encodeError(e)), Json.parse(event.data()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "{'error':{'message':'Incorrect API key provided','type':'invalid_request_error','param':null,"
                    + "'code':'invalid_api_key'}}|Incorrect API key provided|invalid_api_key",
            "{'error':'plain message'}|plain message|null",
            "{'object':'error','message':'vLLM says no','type':'BadRequestError','param':null,'code':400}"
                    + "|vLLM says no|null",
            "{'detail':'Not Found'}|Not Found|null",
            "[{'error':{'code':429,'message':'Resource exhausted','status':'RESOURCE_EXHAUSTED'}}]"
                    + "|Resource exhausted|null",
            "<html><body>Bad Gateway</body></html>|<html><body>Bad Gateway</body></html>|null",
            "{'error':{'type':'server_error'}}|{'error':{'type':'server_error'}}|null"})
    void upstreamErrorBodiesAreReadWithTheirMessage(String body, String message, String code) {
        ApiError e = CODEC.decodeError(502, body.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        assertEquals(new ApiError(502, message.replace('\'', '"'), code), e);
    }

    @Test
    void emptyNullAndBinaryBodiesNeverThrow() {
        assertEquals("upstream returned HTTP 500", CODEC.decodeError(500, new byte[0]).message());
        assertEquals("upstream returned HTTP 504", CODEC.decodeError(504, null).message());
        ApiError binary = CODEC.decodeError(500, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertEquals(500, binary.status());
    }

    @Test
    void hugeRawBodiesAreCut() {
        byte[] body = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        assertEquals(OpenAiErrors.MAX_RAW_MESSAGE, CODEC.decodeError(500, body).message().length());
    }
}
