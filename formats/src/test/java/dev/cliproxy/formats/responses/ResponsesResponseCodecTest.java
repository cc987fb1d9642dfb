package dev.cliproxy.formats.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.Usage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResponsesResponseCodecTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("responses");

    private final ResponsesCodec codec = new ResponsesCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesTheDocumentedTextResponse() {
        ChatResponse r = codec.decodeResponse(GOLDEN.bytes("response-text.json"));
        String story = GOLDEN.json("response-text.json").at("/output/0/content/0/text").textValue();
        assertEquals(new ChatResponse("resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b", "gpt-4.1-2025-04-14",
                1741476542, List.of(new ContentPart.Text(story)), FinishReason.STOP, null,
                new Usage(36, 87, 0, 0, 0)), r);
    }

    @Test
    void decodesAFunctionCallWithItsCallId() {
        ChatResponse r = codec.decodeResponse(GOLDEN.bytes("response-function-call.json"));
        assertEquals(List.of(new ContentPart.ToolCall("call_unLAR8MvFNptuiZK6K6HCy5k", "get_current_weather",
                "{\"location\":\"Boston, MA\",\"unit\":\"celsius\"}", null)), r.content());
        assertEquals(FinishReason.TOOL_CALLS, r.finishReason());
        assertEquals(new Usage(291, 23, 0, 0, 0), r.usage());
    }

    @Test
    void decodesReasoningWithEncryptedContentCachedAndReasoningTokensFromTheCompletedEvent() {
        ChatResponse r = codec.decodeResponse(GOLDEN.bytes("response-completed-reasoning.json"));
        assertEquals(List.of(
                new ContentPart.Reasoning("**Formulating a short introduction**\n\nI need to introduce myself in under"
                        + " 8 words.\n\n**Finalizing my introduction**\n\nI'll go with that as my final answer.",
                        new Signature(WireFormat.OPENAI_RESPONSES, "gAAAAABpF...zbM_w=="), null),
                new ContentPart.Text("I'm ChatAPI: concise, helpful AI friend.")), r.content());
        assertEquals(new Usage(2048, 300, 1536, 0, 256), r.usage());
        assertEquals(FinishReason.STOP, r.finishReason());
    }

    @Test
    void incompleteForTokensIsLength() {
        ChatResponse r = codec.decodeResponse(GOLDEN.bytes("response-incomplete.json"));
        assertEquals(FinishReason.LENGTH, r.finishReason());
        assertEquals(List.of(new ContentPart.Text("In a shimmering forest under a sky")), r.content());
    }

    record StatusCase(String body, FinishReason expected) {
    }

    static Stream<StatusCase> statuses() {
        String msg = "{\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"x\"}]}";
        return Stream.of(
                new StatusCase("{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"content_filter\"},"
                        + "\"output\":[" + msg + "]}", FinishReason.CONTENT_FILTER),
                new StatusCase("{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"m\"},"
                        + "\"output\":[]}", FinishReason.ERROR),
                new StatusCase("{\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"role\":\"assistant\","
                        + "\"content\":[{\"type\":\"refusal\",\"refusal\":\"I can't help with that.\"}]}]}",
                        FinishReason.CONTENT_FILTER),
                new StatusCase("{\"output\":[" + msg + "]}", FinishReason.STOP));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void statusMapsToFinishReason(StatusCase c) {
        assertEquals(c.expected(), codec.decodeResponse(utf8(c.body())).finishReason());
    }

    @Test
    void builtInToolItemsAreSkippedAndGeneratedImagesKept() {
        ChatResponse r = codec.decodeResponse(utf8("""
                {"status":"completed","output":[
                  {"type":"web_search_call","id":"ws_1","status":"completed"},
                  {"type":"image_generation_call","id":"ig_1","status":"completed","result":"iVBORw0KGgo="},
                  {"type":"custom_tool_call","call_id":"c","name":"apply_patch","input":"*** Begin Patch"}]}"""));
        assertEquals(List.of(ContentPart.Image.base64("image/png", "iVBORw0KGgo="),
                new ContentPart.ToolCall("c", "apply_patch", "{\"input\":\"*** Begin Patch\"}", null)), r.content());
        assertEquals(FinishReason.TOOL_CALLS, r.finishReason());
    }

    @Test
    void malformedBodiesAreFormatExceptions() {
        assertThrows(FormatException.class, () -> codec.decodeResponse(utf8("not json")));
        assertThrows(FormatException.class, () -> codec.decodeResponse(utf8("{\"id\":\"resp_1\"}")));
        assertThrows(FormatException.class, () -> codec.decodeResponse(utf8("[]")));
    }

    static ResponseContext contextWithRequest() {
        ChatRequest request = ResponsesRequestEncodeTest.fullRequest();
        return new ResponseContext("my-alias", "req-7f3a", 1741476542L, request, false);
    }

    static ChatResponse toolCallAnswer() {
        return new ChatResponse("msg_01XFDUDYJgAACzvnptvVoYEL", "claude-sonnet-4-5", 0, List.of(
                new ContentPart.Reasoning("The user wants weather for two cities.",
                        new Signature(WireFormat.CLAUDE_MESSAGES, "EqQBCkYIBBgCKkA"), null),
                new ContentPart.Reasoning("", null, "redacted-opaque-data"),
                new ContentPart.Text("Checking "), new ContentPart.Text("both."),
                new ContentPart.ToolCall("toolu_01A", "get_weather", "{\"city\":\"Paris\"}", null),
                new ContentPart.ToolCall("toolu_01B", "get_weather", "{\"city\":\"Rome\"}", null)),
                FinishReason.TOOL_CALLS, null, new Usage(1200, 340, 1000, 100, 120));
    }

    @Test
    void encodesAWholeResponseEchoingTheRequest() {
        GOLDEN.assertJson("encode-response-tool-calls.json", codec.encodeResponse(toolCallAnswer(),
                contextWithRequest()));
    }

    @Test
    void encodesLengthAsIncompleteWithDefaultsWhenTheRequestIsUnknown() {
        ChatResponse r = new ChatResponse(null, "gpt-5", 0, List.of(new ContentPart.Text("In a shimmering")),
                FinishReason.LENGTH, null, new Usage(20, 16, 0, 0, 0));
        GOLDEN.assertJson("encode-response-incomplete.json", codec.encodeResponse(r,
                new ResponseContext("gpt-5", "req-1", 1700000000L, null, false)));
    }

    record OutcomeCase(FinishReason finish, String status, String detail, String errorCode) {
    }

    static Stream<OutcomeCase> outcomes() {
        return Stream.of(new OutcomeCase(FinishReason.STOP, "completed", null, null),
                new OutcomeCase(null, "completed", null, null),
                new OutcomeCase(FinishReason.TOOL_CALLS, "completed", null, null),
                new OutcomeCase(FinishReason.LENGTH, "incomplete", "max_output_tokens", null),
                new OutcomeCase(FinishReason.CONTENT_FILTER, "incomplete", "content_filter", null),
                new OutcomeCase(FinishReason.ERROR, "failed", null, "server_error"));
    }

    @ParameterizedTest
    @MethodSource("outcomes")
    void finishReasonBecomesStatus(OutcomeCase c) {
        JsonNode body = Json.parse(codec.encodeResponse(new ChatResponse("resp_x", "m", 0,
                List.of(new ContentPart.Text("t")), c.finish(), "END", null),
                new ResponseContext("alias", "r", 1L, null, false)));
        assertEquals(c.status(), body.get("status").textValue());
        assertEquals(c.detail(), body.at("/incomplete_details/reason").textValue());
        assertEquals(c.errorCode(), body.at("/error/code").textValue());
        assertEquals("resp_x", body.get("id").textValue());
        assertEquals("alias", body.get("model").textValue());
    }

    @Test
    void decodeOfEncodeKeepsContentFinishAndUsage() {
        ChatResponse original = new ChatResponse("resp_abc", "alias", 0, List.of(
                new ContentPart.Reasoning("why", new Signature(WireFormat.OPENAI_RESPONSES, "enc"), null),
                new ContentPart.Text("answer"),
                new ContentPart.ToolCall("call_1", "f", "{\"x\":true}", null)),
                FinishReason.TOOL_CALLS, null, new Usage(10, 5, 2, 0, 1));
        ChatResponse back = codec.decodeResponse(codec.encodeResponse(original,
                new ResponseContext("alias", "r", 5L, null, false)));
        assertEquals(new ChatResponse("resp_abc", "alias", 5L, original.content(), FinishReason.TOOL_CALLS, null,
                original.usage()), back);
    }
}
