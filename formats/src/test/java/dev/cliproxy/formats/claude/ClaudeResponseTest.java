package dev.cliproxy.formats.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
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
import org.junit.jupiter.params.provider.ValueSource;

class ClaudeResponseTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("claude");

    private static final ResponseContext CONTEXT = new ResponseContext("my-claude", "req-42", 1700000000L, null,
            false);

    private final ClaudeCodec codec = new ClaudeCodec();

    @Test
    void textResponseUsageIncludesCacheReadsAndWrites() {
        ChatResponse r = codec.decodeResponse(GOLDEN.bytes("response-text.json"));
        assertEquals("msg_013Zva2CMHLNnXjNJJKqJ2EF", r.id());
        assertEquals("claude-sonnet-4-5-20250929", r.model());
        assertEquals(List.of(new ContentPart.Text("Hi! My name is Claude.")), r.content());
        assertEquals(FinishReason.STOP, r.finishReason());
        assertNull(r.stopSequence());
        assertEquals(new Usage(2095 + 2051 + 2051, 503, 2051, 2051, 0), r.usage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "tool-use", "thinking"})
    void officialResponsesReEncodeForAClientUnderItsAlias(String name) {
        ChatResponse r = codec.decodeResponse(GOLDEN.bytes("response-" + name + ".json"));
        GOLDEN.assertJson("response-" + name + ".expected.json", codec.encodeResponse(r, CONTEXT));
    }

    @Test
    void toolUseResponseSkipsServerToolBlocks() {
        ChatResponse r = codec.decodeResponse(GOLDEN.bytes("response-tool-use.json"));
        assertEquals(List.of(new ContentPart.Text("I'll check the current weather in San Francisco for you."),
                new ContentPart.ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather",
                        "{\"location\":\"San Francisco, CA\",\"unit\":\"celsius\"}", null)), r.content());
        assertEquals(FinishReason.TOOL_CALLS, r.finishReason());
        assertEquals(new Usage(384, 92, 0, 0, 0), r.usage());
    }

    @Test
    void thinkingResponseKeepsSignaturesAndTheStopSequence() {
        ChatResponse r = codec.decodeResponse(GOLDEN.bytes("response-thinking.json"));
        ContentPart.Reasoning thinking = (ContentPart.Reasoning) r.content().get(0);
        assertEquals(new Signature(WireFormat.CLAUDE_MESSAGES,
                "WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve/op91XWHOEBLLqIOMfFG/UvLEczmEsUjavL"),
                thinking.signature());
        ContentPart.Reasoning redacted = (ContentPart.Reasoning) r.content().get(1);
        assertTrue(redacted.redacted().startsWith("EmwKAhgBEgy3"));
        assertEquals(FinishReason.STOP, r.finishReason());
        assertEquals("###", r.stopSequence());
    }

    @Test
    void foreignResponseIsWrittenWithTaggedSignaturesAndValidToolInputs() {
        Signature gemini = new Signature(WireFormat.GEMINI, "CiQBVKhc7oTHCb2nxY");
        ChatResponse r = new ChatResponse(null, "gemini-2.5-pro", 0, List.of(
                new ContentPart.Reasoning("Thinking about the weather.", gemini, null),
                new ContentPart.Reasoning("Unsigned GPT reasoning.", null, null),
                new ContentPart.Reasoning("", null, null),
                new ContentPart.Text(""),
                new ContentPart.Text("Let me check."),
                ContentPart.Image.base64("image/png", "iVBORw0KGgo="),
                new ContentPart.ToolCall("get_weather-1700000000-1", "get_weather", "{\"city\":\"Paris\"}",
                        new Signature(WireFormat.GEMINI, "fc-sig")),
                new ContentPart.ToolCall(null, "get_weather", "{\"city\":\"Ro", null),
                new ContentPart.ToolCall(null, "echo", "[1,2]", null)),
                FinishReason.STOP, null, new Usage(1000, 300, 600, 0, 120));
        GOLDEN.assertJson("encode-response-foreign.expected.json", codec.encodeResponse(r, CONTEXT));
    }

    @Test
    void aGeminiSignatureOnTheAnswerTextLeavesTheTextAsTheLastBlock() {
        ChatResponse r = new ChatResponse(null, "gemini-2.5-flash", 0, List.of(
                new ContentPart.Reasoning("Thinking.", null, null),
                new ContentPart.Text("Hello!"),
                new ContentPart.Reasoning("", new Signature(WireFormat.GEMINI, "text-sig"), null)),
                FinishReason.STOP, null, new Usage(10, 5, 0, 0, 0));
        JsonNode content = Json.parse(codec.encodeResponse(r, CONTEXT)).get("content");
        assertEquals(2, content.size(), content.toString());
        assertEquals("text", content.get(1).get("type").textValue());
    }

    record FinishCase(FinishReason reason, String stopSequence, boolean toolCalls, String wire) {
    }

    static Stream<FinishCase> finishCases() {
        return Stream.of(
                new FinishCase(FinishReason.STOP, null, false, "end_turn"),
                new FinishCase(FinishReason.STOP, "###", false, "stop_sequence"),
                new FinishCase(FinishReason.STOP, null, true, "tool_use"),
                new FinishCase(FinishReason.LENGTH, null, false, "max_tokens"),
                new FinishCase(FinishReason.TOOL_CALLS, null, true, "tool_use"),
                new FinishCase(FinishReason.CONTENT_FILTER, null, false, "refusal"),
                new FinishCase(FinishReason.ERROR, null, false, "end_turn"),
                new FinishCase(null, null, false, "end_turn"),
                new FinishCase(null, null, true, "tool_use"));
    }

    @ParameterizedTest
    @MethodSource("finishCases")
    void finishReasonsAreWrittenAsStopReasons(FinishCase c) {
        List<ContentPart> content = c.toolCalls()
                ? List.of(new ContentPart.ToolCall("toolu_1", "f", "{}", null))
                : List.of(new ContentPart.Text("x"));
        ChatResponse r = new ChatResponse("msg_1", "m", 0, content, c.reason(), c.stopSequence(), null);
        JsonNode body = Json.parse(codec.encodeResponse(r, CONTEXT));
        assertEquals(c.wire(), body.get("stop_reason").textValue());
        assertEquals(c.wire().equals("stop_sequence") ? c.stopSequence() : null, body.get("stop_sequence").textValue());
    }

    record StopCase(String wire, FinishReason reason) {
    }

    static Stream<StopCase> stopCases() {
        return Stream.of(new StopCase("end_turn", FinishReason.STOP), new StopCase("stop_sequence", FinishReason.STOP),
                new StopCase("max_tokens", FinishReason.LENGTH), new StopCase("tool_use", FinishReason.TOOL_CALLS),
                new StopCase("refusal", FinishReason.CONTENT_FILTER), new StopCase("pause_turn", FinishReason.STOP),
                new StopCase("model_context_window_exceeded", FinishReason.LENGTH));
    }

    @ParameterizedTest
    @MethodSource("stopCases")
    void stopReasonsAreReadAsFinishReasons(StopCase c) {
        String body = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],"
                + "\"stop_reason\":\"" + c.wire() + "\",\"stop_sequence\":\"END\",\"usage\":{\"input_tokens\":1,"
                + "\"output_tokens\":1}}";
        ChatResponse r = codec.decodeResponse(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(c.reason(), r.finishReason());
        assertEquals(c.wire().equals("stop_sequence") ? "END" : null, r.stopSequence());
    }

    @Test
    void usageInputTokensNeverGoNegative() {
        ChatResponse r = new ChatResponse("msg_1", "m", 0, List.of(), FinishReason.STOP, null,
                new Usage(10, 5, 8, 6, 0));
        JsonNode usage = Json.parse(codec.encodeResponse(r, CONTEXT)).get("usage");
        assertEquals(0, usage.get("input_tokens").intValue());
        assertEquals(8, usage.get("cache_read_input_tokens").intValue());
        assertEquals(6, usage.get("cache_creation_input_tokens").intValue());
    }

    @Test
    void malformedResponsesAreRejected() {
        assertThrows(FormatException.class, () -> codec.decodeResponse("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(FormatException.class, () -> codec.decodeResponse("[1]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(FormatException.class, () -> codec.decodeResponse("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        FormatException e = assertThrows(FormatException.class, () -> codec.decodeResponse(
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("boom"));
    }
}
