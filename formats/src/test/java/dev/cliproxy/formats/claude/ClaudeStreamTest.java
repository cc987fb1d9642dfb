package dev.cliproxy.formats.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaudeStreamTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("claude");

    private static final ResponseContext CONTEXT = new ResponseContext("my-claude", "req-42", 1700000000L, null,
            false);

    private final ClaudeCodec codec = new ClaudeCodec();

    private List<StreamEvent> decode(List<SseEvent> events) {
        StreamDecoder decoder = codec.newStreamDecoder();
        List<StreamEvent> out = new ArrayList<>();
        events.forEach(e -> decoder.decode(e, out::add));
        decoder.end(out::add);
        return out;
    }

    private List<SseEvent> encode(List<StreamEvent> events) {
        StreamEncoder encoder = codec.newStreamEncoder(CONTEXT);
        List<SseEvent> out = new ArrayList<>();
        events.forEach(e -> encoder.encode(e, out::add));
        encoder.end(out::add);
        return out;
    }

    @Test
    void basicTranscriptDecodesToCanonicalEvents() {
        List<StreamEvent> events = decode(GOLDEN.sse("stream-basic.sse"));
        assertEquals(List.of(
                new StreamEvent.MessageStart("msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK", "claude-3-opus-latest",
                        new Usage(11, 1, 0, 0, 0)),
                new StreamEvent.TextDelta("Hello"),
                new StreamEvent.TextDelta(" there"),
                new StreamEvent.TextDelta("!"),
                new StreamEvent.BlockEnd(),
                new StreamEvent.Finish(FinishReason.STOP, null),
                new StreamEvent.UsageUpdate(new Usage(11, 6, 0, 0, 0))), events);
    }

    @Test
    void toolUseTranscriptStreamsArgumentFragments() {
        List<StreamEvent> events = decode(GOLDEN.sse("stream-tool-use.sse"));
        assertTrue(events.contains(new StreamEvent.ToolCallStart(0, "toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather",
                null)));
        List<String> fragments = events.stream().filter(e -> e instanceof StreamEvent.ToolCallDelta)
                .map(e -> ((StreamEvent.ToolCallDelta) e).argumentsFragment()).toList();
        assertEquals(List.of("{\"locati", "on\": \"P", "ar", "is\"}"), fragments);
        assertTrue(events.contains(new StreamEvent.Finish(FinishReason.TOOL_CALLS, null)));
    }

    @Test
    void thinkingTranscriptKeepsSignatureRedactedDataAndCacheUsage() {
        List<StreamEvent> events = decode(GOLDEN.sse("stream-thinking.sse"));
        assertEquals(new StreamEvent.MessageStart("msg_01ThinkingStream", "claude-sonnet-4-6",
                new Usage(1540, 1, 1200, 300, 0)), events.get(0));
        assertTrue(events.contains(new StreamEvent.ReasoningSignature(new Signature(WireFormat.CLAUDE_MESSAGES,
                "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"))));
        assertTrue(events.contains(new StreamEvent.RedactedReasoning(
                "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB5URj2pxmvxFxjHp38+xbg=")));
        assertEquals(new StreamEvent.UsageUpdate(new Usage(1540, 310, 1200, 300, 0)), events.get(events.size() - 1));
    }

    @Test
    void inStreamErrorsCarryTheStatusOfTheirType() {
        List<StreamEvent> events = decode(GOLDEN.sse("stream-error.sse"));
        assertEquals(new StreamEvent.StreamError(new ApiError(529, "Overloaded", "overloaded_error")),
                events.get(events.size() - 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "tool-use", "thinking", "error"})
    void transcriptsDecodedAndEncodedAgainGiveAValidClaudeStream(String name) {
        List<SseEvent> encoded = encode(decode(GOLDEN.sse("stream-" + name + ".sse")));
        ClaudeStreamAssertions.assertValid(encoded);
        GOLDEN.assertSse("stream-" + name + ".expected.sse", encoded);
    }

    @Test
    void openAiStyleStreamHoldsMessageDeltaUntilTheTrailingUsage() {
        StreamEncoder encoder = codec.newStreamEncoder(CONTEXT);
        List<SseEvent> out = new ArrayList<>();
        List.of(new StreamEvent.MessageStart("chatcmpl-abc", "gpt-5", null),
                new StreamEvent.ReasoningDelta("Need the weather"),
                new StreamEvent.ReasoningDelta(" tool."),
                new StreamEvent.TextDelta("Checking "),
                new StreamEvent.TextDelta("both cities."),
                new StreamEvent.ToolCallStart(0, "call_AAA", "get_weather", null),
                new StreamEvent.ToolCallDelta(0, "{\"city\":"),
                new StreamEvent.ToolCallDelta(0, "\"Paris\"}"),
                new StreamEvent.ToolCallStart(1, "call_BBB", "get_weather", null),
                new StreamEvent.ToolCallDelta(1, ""),
                new StreamEvent.ToolCallDelta(1, "{\"city\":\"Rome\"}"),
                new StreamEvent.Finish(FinishReason.TOOL_CALLS, null)).forEach(e -> encoder.encode(e, out::add));
        assertFalse(out.stream().anyMatch(e -> "message_delta".equals(e.event())), "message_delta waits for usage");
        encoder.encode(new StreamEvent.UsageUpdate(new Usage(1200, 80, 1000, 0, 20)), out::add);
        int afterUsage = out.size();
        encoder.end(out::add);
        assertEquals(afterUsage, out.size(), "everything was sent when the usage arrived");
        ClaudeStreamAssertions.assertValid(out);
        GOLDEN.assertSse("encode-stream-openai-style.expected.sse", out);
    }

    @Test
    void geminiStyleSignaturesAreTaggedAndToolCallsEndWithToolUse() {
        Signature gemini = new Signature(WireFormat.GEMINI, "CiQBVKhc7oTHCb2nxY");
        List<SseEvent> out = encode(List.of(
                new StreamEvent.MessageStart(null, "gemini-2.5-pro", new Usage(500, 0, 0, 0, 0)),
                new StreamEvent.ReasoningDelta("Thinking."),
                new StreamEvent.ReasoningSignature(gemini),
                new StreamEvent.TextDelta("On it."),
                new StreamEvent.ToolCallStart(0, null, "get_weather", new Signature(WireFormat.GEMINI, "fc-sig")),
                new StreamEvent.ToolCallDelta(0, "{\"city\":\"Paris\"}"),
                new StreamEvent.UsageUpdate(new Usage(500, 90, 0, 0, 40)),
                new StreamEvent.Finish(FinishReason.STOP, null)));
        ClaudeStreamAssertions.assertValid(out);
        GOLDEN.assertSse("encode-stream-gemini-style.expected.sse", out);
    }

    @Test
    void aGeminiSignatureOnTheAnswerTextLeavesTheTextAsTheLastBlock() {
        // Gemini signs its last text part; `claude -p` prints the last block, so it must stay the text.
        List<SseEvent> out = encode(List.of(
                new StreamEvent.MessageStart(null, "gemini-2.5-flash", new Usage(500, 0, 0, 0, 0)),
                new StreamEvent.ReasoningDelta("Thinking."),
                new StreamEvent.BlockEnd(),
                new StreamEvent.TextDelta("Hello!"),
                new StreamEvent.ReasoningSignature(new Signature(WireFormat.GEMINI, "text-sig")),
                new StreamEvent.Finish(FinishReason.STOP, null)));
        ClaudeStreamAssertions.assertValid(out);
        List<String> blocks = out.stream().filter(e -> "content_block_start".equals(e.event()))
                .map(e -> Json.parse(e.data()).at("/content_block/type").textValue()).toList();
        assertEquals(List.of("thinking", "text"), blocks);
    }

    @Test
    void aGeminiSignatureOnTextBeforeAToolCallTravelsAsTheToolCallsCarrierBlock() {
        List<SseEvent> out = encode(List.of(
                new StreamEvent.TextDelta("On it."),
                new StreamEvent.ReasoningSignature(new Signature(WireFormat.GEMINI, "text-sig")),
                new StreamEvent.ToolCallStart(0, "call_1", "get_weather", null),
                new StreamEvent.ToolCallDelta(0, "{}"),
                new StreamEvent.Finish(FinishReason.STOP, null)));
        ClaudeStreamAssertions.assertValid(out);
        List<JsonNode> starts = out.stream().filter(e -> "content_block_start".equals(e.event()))
                .map(e -> Json.parse(e.data()).get("content_block")).toList();
        assertEquals(List.of("text", "thinking", "tool_use"), starts.stream().map(b -> b.get("type").textValue())
                .toList());
        assertTrue(out.stream().anyMatch(e -> e.dataText().contains("signature_delta") && e.dataText().contains("text-sig")));
    }

    @Test
    void anEmptyUpstreamStreamStillGetsTheFullEnvelope() {
        List<SseEvent> out = encode(List.of());
        ClaudeStreamAssertions.assertValid(out);
        assertEquals(List.of("message_start", "ping", "message_delta", "message_stop"),
                out.stream().map(SseEvent::event).toList());
        JsonNode delta = Json.parse(out.get(2).data());
        assertEquals("end_turn", delta.at("/delta/stop_reason").textValue());
        assertEquals("msg_req-42", Json.parse(out.get(0).data()).at("/message/id").textValue());
    }

    @Test
    void aBrokenOffStreamIsClosedAtEnd() {
        List<SseEvent> out = encode(List.of(new StreamEvent.TextDelta("Partial"),
                new StreamEvent.ToolCallStart(0, "call_1", "f", null), new StreamEvent.ToolCallDelta(0, "{\"a\":")));
        ClaudeStreamAssertions.assertValid(out);
        JsonNode delta = Json.parse(out.get(out.size() - 2).data());
        assertEquals("tool_use", delta.at("/delta/stop_reason").textValue());
    }

    @Test
    void aStreamErrorIsTheLastEvent() {
        List<SseEvent> out = encode(List.of(new StreamEvent.MessageStart("msg_1", "m", null),
                new StreamEvent.TextDelta("Partial"),
                new StreamEvent.StreamError(ApiError.of(429, "slow down")),
                new StreamEvent.TextDelta("ignored"),
                new StreamEvent.Finish(FinishReason.STOP, null)));
        SseEvent last = out.get(out.size() - 1);
        assertEquals("error", last.event());
        assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}",
                last.dataText());
        assertEquals(1, out.stream().filter(e -> "error".equals(e.event())).count());
    }

    @Test
    void stopSequenceAndMaxTokensReachTheMessageDelta() {
        List<SseEvent> stop = encode(List.of(new StreamEvent.TextDelta("a"),
                new StreamEvent.Finish(FinishReason.STOP, "###")));
        JsonNode d = Json.parse(stop.get(stop.size() - 2).data());
        assertEquals("stop_sequence", d.at("/delta/stop_reason").textValue());
        assertEquals("###", d.at("/delta/stop_sequence").textValue());
        List<SseEvent> length = encode(List.of(new StreamEvent.TextDelta("a"),
                new StreamEvent.Finish(FinishReason.LENGTH, null)));
        assertEquals("max_tokens", Json.parse(length.get(length.size() - 2).data()).at("/delta/stop_reason")
                .textValue());
    }

    @Test
    void aThousandDeltasStayInOneTextBlock() {
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add(new StreamEvent.TextDelta("tok" + i + " "));
        }
        List<SseEvent> out = encode(events);
        ClaudeStreamAssertions.assertValid(out);
        assertEquals(1000, out.stream().filter(e -> "content_block_delta".equals(e.event())).count());
        assertEquals(1, out.stream().filter(e -> "content_block_start".equals(e.event())).count());
    }

    @Test
    void unreadableAndUnknownUpstreamEventsAreSkipped() {
        List<StreamEvent> events = decode(List.of(SseEvent.of("ping", "{\"type\":\"ping\"}"),
                SseEvent.data("[DONE]"), SseEvent.of("content_block_delta", "{not json"),
                SseEvent.of("something_new", "{\"type\":\"something_new\"}")));
        assertEquals(List.of(), events);
    }

    @Test
    void serverToolBlocksInAStreamProduceNothing() {
        List<StreamEvent> events = decode(List.of(
                SseEvent.of("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                        + "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}"),
                SseEvent.of("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                        + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"q\\\":1}\"}}"),
                SseEvent.of("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")));
        assertEquals(List.of(), events);
    }
}
