package dev.cliproxy.formats.responses;

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
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponsesStreamEncoderTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("responses");

    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete",
            "response.failed");

    private static final ResponseContext PLAIN = new ResponseContext("gpt-5", "req-1", 1741487325L, null, true);

    static List<SseEvent> encode(ResponseContext ctx, List<StreamEvent> events) {
        StreamEncoder encoder = new ResponsesCodec().newStreamEncoder(ctx);
        List<SseEvent> out = new ArrayList<>();
        events.forEach(e -> encoder.encode(e, out::add));
        encoder.end(out::add);
        assertValidSequence(out);
        return out;
    }

    /** What every Responses client relies on, whatever the content. */
    static void assertValidSequence(List<SseEvent> out) {
        assertEquals("response.created", out.get(0).event());
        assertEquals("response.in_progress", out.get(1).event());
        for (int i = 0; i < out.size(); i++) {
            SseEvent e = out.get(i);
            assertTrue(e.data().length > 0, "empty data");
            JsonNode data = Json.parse(e.data());
            assertEquals(e.event(), data.get("type").textValue(), "event name is the payload type");
            assertEquals(i, data.get("sequence_number").intValue(), "sequence numbers count from 0");
            assertEquals(i == out.size() - 1, TERMINAL.contains(e.event()), "one terminal event, last: " + e);
        }
    }

    @Test
    void textStream() {
        GOLDEN.assertSse("encode-stream-text.sse", encode(PLAIN, List.of(
                new StreamEvent.MessageStart("resp_abc123", "gpt-5-2025-08-07", new Usage(12, 0, 0, 0, 0)),
                new StreamEvent.TextDelta("Hello"),
                new StreamEvent.TextDelta(" world"),
                new StreamEvent.Finish(FinishReason.STOP, null),
                new StreamEvent.UsageUpdate(new Usage(12, 5, 0, 0, 0)))));
    }

    @Test
    void reasoningTextAndParallelToolCallsFromAClaudeUpstream() {
        GOLDEN.assertSse("encode-stream-reasoning-tools.sse", encode(ResponsesResponseCodecTest.contextWithRequest(),
                List.of(
                        new StreamEvent.MessageStart("msg_01XFDUDYJgAACzvnptvVoYEL", "claude-sonnet-4-5", null),
                        new StreamEvent.ReasoningDelta("Let me think"),
                        new StreamEvent.ReasoningDelta(" about it."),
                        new StreamEvent.ReasoningSignature(new Signature(WireFormat.CLAUDE_MESSAGES, "EqQBCkYIBBgC")),
                        new StreamEvent.BlockEnd(),
                        new StreamEvent.RedactedReasoning("opaque"),
                        new StreamEvent.TextDelta("Checking the weather."),
                        new StreamEvent.BlockEnd(),
                        new StreamEvent.ToolCallStart(0, "toolu_01A", "get_weather", null),
                        new StreamEvent.ToolCallDelta(0, "{\"city\":"),
                        new StreamEvent.ToolCallDelta(0, "\"Paris\"}"),
                        new StreamEvent.BlockEnd(),
                        new StreamEvent.ToolCallStart(1, "toolu_01B", "get_time", null),
                        new StreamEvent.ToolCallDelta(1, ""),
                        new StreamEvent.Finish(FinishReason.TOOL_CALLS, null),
                        new StreamEvent.UsageUpdate(new Usage(100, 50, 20, 0, 10)))));
    }

    @Test
    void errorMidStreamIsErrorThenFailedAndNothingAfter() {
        GOLDEN.assertSse("encode-stream-error.sse", encode(PLAIN, List.of(
                new StreamEvent.MessageStart("resp_e1", "gpt-5", null),
                new StreamEvent.TextDelta("Partial"),
                new StreamEvent.StreamError(new ApiError(429, "Rate limit reached for gpt-5", null)),
                new StreamEvent.TextDelta("ignored"),
                new StreamEvent.Finish(FinishReason.STOP, null))));
    }

    @Test
    void lengthEndsAsIncomplete() {
        GOLDEN.assertSse("encode-stream-length.sse", encode(PLAIN, List.of(
                new StreamEvent.TextDelta("In a shimmering"),
                new StreamEvent.Finish(FinishReason.LENGTH, null))));
    }

    @Test
    void contentFilterAndErrorFinishes() {
        List<SseEvent> filtered = encode(PLAIN, List.of(new StreamEvent.TextDelta("x"),
                new StreamEvent.Finish(FinishReason.CONTENT_FILTER, null)));
        JsonNode last = Json.parse(filtered.get(filtered.size() - 1).data());
        assertEquals("response.incomplete", last.get("type").textValue());
        assertEquals("content_filter", last.at("/response/incomplete_details/reason").textValue());

        List<SseEvent> failed = encode(PLAIN, List.of(new StreamEvent.Finish(FinishReason.ERROR, null)));
        assertEquals("response.failed", failed.get(failed.size() - 1).event());
    }

    @Test
    void anEmptyUpstreamStillGetsTheWholeLifecycle() {
        List<SseEvent> out = encode(PLAIN, List.of());
        assertEquals(List.of("response.created", "response.in_progress", "response.completed"),
                out.stream().map(SseEvent::event).toList());
        JsonNode done = Json.parse(out.get(2).data()).get("response");
        assertEquals("resp_req-1", done.get("id").textValue());
        assertEquals(0, done.get("output").size());
    }

    @Test
    void endIsIdempotent() {
        StreamEncoder encoder = new ResponsesCodec().newStreamEncoder(PLAIN);
        List<SseEvent> out = new ArrayList<>();
        encoder.encode(new StreamEvent.TextDelta("a"), out::add);
        encoder.end(out::add);
        int size = out.size();
        encoder.end(out::add);
        encoder.encode(new StreamEvent.TextDelta("b"), out::add);
        assertEquals(size, out.size());
    }

    @Test
    void signatureWithoutReasoningTextStillBecomesAReasoningItem() {
        List<SseEvent> out = encode(PLAIN, List.of(
                new StreamEvent.TextDelta("answer"),
                new StreamEvent.ReasoningSignature(new Signature(WireFormat.GEMINI, "g-sig"))));
        JsonNode output = Json.parse(out.get(out.size() - 1).data()).at("/response/output");
        assertEquals("message", output.get(0).get("type").textValue());
        assertEquals("reasoning", output.get(1).get("type").textValue());
        assertEquals(0, output.get(1).get("summary").size());
        assertEquals("cpx1:gemini:g-sig", output.get(1).get("encrypted_content").textValue());
    }

    @Test
    void thousandDeltasAreStreamedOneByOneAndAssembledOnce() {
        List<StreamEvent> events = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            String piece = "tok" + i + " \"q\" ";
            expected.append(piece);
            events.add(new StreamEvent.TextDelta(piece));
        }
        List<SseEvent> out = encode(PLAIN, events);
        long deltas = out.stream().filter(e -> e.event().equals("response.output_text.delta")).count();
        assertEquals(1000, deltas);
        JsonNode last = Json.parse(out.get(out.size() - 1).data());
        assertEquals(expected.toString(), last.at("/response/output/0/content/0/text").textValue());
    }

    @Test
    void upstreamResponsesStreamSurvivesDecodeEncodeDecode() {
        List<StreamEvent> first = ResponsesStreamDecoderTest.decodeGolden("stream-reasoning-tool-calls.sse");
        List<SseEvent> encoded = encode(new ResponseContext("gpt-5-codex", "req-9", 1763116851L, null, true), first);
        assertEquals(first, ResponsesStreamDecoderTest.decode(encoded));
        assertFalse(encoded.stream().anyMatch(e -> e.dataText().contains("cpx1:")),
                "own signatures are handed out raw");
    }

    @Test
    void standaloneStreamErrorIsAFailedResponse() {
        SseEvent e = new ResponsesCodec().encodeStreamError(new ApiError(503, "overloaded", null));
        assertEquals("response.failed", e.event());
        JsonNode data = Json.parse(e.data());
        assertEquals("failed", data.at("/response/status").textValue());
        assertEquals("server_is_overloaded", data.at("/response/error/code").textValue());
        assertEquals("overloaded", data.at("/response/error/message").textValue());
        assertEquals(List.of(new StreamEvent.StreamError(new ApiError(503, "overloaded", "server_is_overloaded"))),
                ResponsesStreamDecoderTest.decode(List.of(e)));
    }
}
