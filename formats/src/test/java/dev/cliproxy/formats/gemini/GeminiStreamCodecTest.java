package dev.cliproxy.formats.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiStreamCodecTest {

    private static final GeminiCodec CODEC = new GeminiCodec();
    private static final ResponseContext CONTEXT = new ResponseContext("alias", "req-1", 1L, null, false);

    private static List<JsonNode> encode(StreamEvent... events) {
        StreamEncoder encoder = CODEC.newStreamEncoder(CONTEXT);
        List<SseEvent> out = new ArrayList<>();
        for (StreamEvent e : events) {
            encoder.encode(e, out::add);
        }
        encoder.end(out::add);
        encoder.end(out::add);
        List<JsonNode> chunks = new ArrayList<>();
        for (SseEvent e : out) {
            assertNull(e.event(), "Gemini stream events are unnamed");
            assertTrue(e.data().length > 0, "never an event with empty data");
            chunks.add(Json.parse(e.data()));
        }
        return chunks;
    }

    private static JsonNode json(String s) {
        return Json.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode parts(JsonNode chunk) {
        return chunk.at("/candidates/0/content/parts");
    }

    private static List<StreamEvent> decode(String... dataEvents) {
        StreamDecoder decoder = CODEC.newStreamDecoder();
        List<StreamEvent> out = new ArrayList<>();
        for (String d : dataEvents) {
            decoder.decode(SseEvent.data(d), out::add);
        }
        decoder.end(out::add);
        return out;
    }

    @Test
    void aFunctionCallIsSentWholeOnceItsArgumentsAreComplete() {
        List<JsonNode> chunks = encode(
                new StreamEvent.MessageStart("msg_1", "claude", new Usage(10, 0, 0, 0, 0)),
                new StreamEvent.ToolCallStart(0, "toolu_1", "get_weather", null),
                new StreamEvent.ToolCallDelta(0, "{\"city\""),
                new StreamEvent.ToolCallDelta(0, ":\"Paris\"}"),
                new StreamEvent.BlockEnd(),
                new StreamEvent.Finish(FinishReason.TOOL_CALLS, null),
                new StreamEvent.UsageUpdate(new Usage(10, 7, 0, 0, 0)));
        assertEquals(1, chunks.size());
        assertEquals(json("""
                {"candidates":[{"content":{"parts":[{"functionCall":{"id":"toolu_1","name":"get_weather",
                  "args":{"city":"Paris"}}}],"role":"model"},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":7,"totalTokenCount":17},
                 "modelVersion":"alias","responseId":"msg_1"}"""), chunks.get(0));
    }

    @Test
    void parallelCallsEachGoOutWhenTheNextBegins() {
        List<JsonNode> chunks = encode(
                new StreamEvent.ToolCallStart(0, null, "a", null),
                new StreamEvent.ToolCallDelta(0, "{\"x\":"),
                new StreamEvent.ToolCallStart(1, null, "b", null),
                new StreamEvent.ToolCallDelta(0, "1}"),
                new StreamEvent.ToolCallDelta(1, "not json"),
                new StreamEvent.Finish(FinishReason.TOOL_CALLS, null));
        assertEquals(2, chunks.size());
        assertEquals(json("[{\"functionCall\":{\"id\":\"call_req-1_0\",\"name\":\"a\",\"args\":{}}}]"),
                parts(chunks.get(0)), "a late fragment of a call already sent is not sent; incomplete JSON is {}");
        assertEquals(json("[{\"functionCall\":{\"id\":\"call_req-1_1\",\"name\":\"b\",\"args\":{}}}]"),
                parts(chunks.get(1)));
        assertEquals("req-1", chunks.get(0).get("responseId").asText());
    }

    @Test
    void textAndThoughtDeltasStreamOneChunkEachAndTheLastCarriesTheFinish() {
        List<JsonNode> chunks = encode(
                new StreamEvent.ReasoningDelta("Hmm"),
                new StreamEvent.ReasoningSignature(new Signature(WireFormat.CLAUDE_MESSAGES, "c2ln")),
                new StreamEvent.TextDelta(""),
                new StreamEvent.TextDelta("Hi"),
                new StreamEvent.RedactedReasoning("opaque"),
                new StreamEvent.TextDelta(" there"),
                new StreamEvent.Finish(FinishReason.LENGTH, null));
        assertEquals(3, chunks.size());
        assertEquals(json("[{\"text\":\"Hmm\",\"thought\":true,\"thoughtSignature\":\"cpx1:claude:c2ln\"}]"),
                parts(chunks.get(0)));
        assertEquals(json("[{\"text\":\"Hi\"}]"), parts(chunks.get(1)));
        assertEquals(json("[{\"text\":\" there\"}]"), parts(chunks.get(2)));
        assertTrue(chunks.get(1).at("/candidates/0/finishReason").isMissingNode());
        assertEquals("MAX_TOKENS", chunks.get(2).at("/candidates/0/finishReason").asText());
    }

    @Test
    void aSignatureThatFollowsAFunctionCallTravelsInAPartOfItsOwn() {
        List<JsonNode> chunks = encode(
                new StreamEvent.ToolCallStart(0, "c", "f", new Signature(WireFormat.GEMINI, "Zmlyc3Q=")),
                new StreamEvent.ToolCallDelta(0, "{}"),
                new StreamEvent.ReasoningSignature(new Signature(WireFormat.GEMINI, "bGF0ZQ==")));
        assertEquals(json("[{\"functionCall\":{\"id\":\"c\",\"name\":\"f\",\"args\":{}},\"thoughtSignature\":\"Zmlyc3Q=\"}]"),
                parts(chunks.get(0)));
        assertEquals(json("[{\"thoughtSignature\":\"bGF0ZQ==\"}]"), parts(chunks.get(1)));
    }

    @Test
    void anEmptyStreamStillEndsWithAFinishChunkExactlyOnce() {
        List<JsonNode> chunks = encode();
        assertEquals(List.of(json("""
                {"candidates":[{"finishReason":"STOP","index":0}],"modelVersion":"alias","responseId":"req-1"}""")),
                chunks);
    }

    @Test
    void anErrorEndsTheStreamWithNothingAfterIt() {
        List<JsonNode> chunks = encode(
                new StreamEvent.TextDelta("partial"),
                new StreamEvent.StreamError(new ApiError(429, "quota exceeded", null)),
                new StreamEvent.TextDelta("ignored"));
        assertEquals(List.of(
                json("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"partial\"}],\"role\":\"model\"},\"index\":0}],"
                        + "\"modelVersion\":\"alias\",\"responseId\":\"req-1\"}"),
                json("{\"error\":{\"code\":429,\"message\":\"quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}")),
                chunks);
    }

    @Test
    void aThousandDeltasGiveAThousandChunks() {
        StreamEvent[] events = new StreamEvent[1001];
        for (int i = 0; i < 1000; i++) {
            events[i] = new StreamEvent.TextDelta("t" + i);
        }
        events[1000] = new StreamEvent.Finish(FinishReason.STOP, null);
        List<JsonNode> chunks = encode(events);
        assertEquals(1000, chunks.size());
        assertEquals("t999", parts(chunks.get(999)).get(0).get("text").asText());
    }

    @Test
    void upstreamErrorsAndMalformedChunksBecomeStreamErrors() {
        List<StreamEvent> events = decode("not json",
                "{\"error\":{\"code\":429,\"message\":\"Resource exhausted\",\"status\":\"RESOURCE_EXHAUSTED\"}}");
        assertEquals(502, ((StreamEvent.StreamError) events.get(0)).error().status());
        assertEquals(new ApiError(429, "Resource exhausted", "RESOURCE_EXHAUSTED"),
                ((StreamEvent.StreamError) events.get(1)).error());
    }

    @Test
    void doneMarkersAreIgnoredAndAStreamWithoutFinishEndsWithoutOne() {
        List<StreamEvent> events = decode(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]}}],\"responseId\":\"r\"}", "[DONE]");
        assertEquals(List.of(new StreamEvent.MessageStart("r", null, null), new StreamEvent.TextDelta("x")), events);
    }

    @Test
    void aBlockedPromptFinishesWithContentFilter() {
        List<StreamEvent> events = decode("{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},"
                + "\"usageMetadata\":{\"promptTokenCount\":5,\"totalTokenCount\":5},\"responseId\":\"b\"}");
        assertEquals(new StreamEvent.Finish(FinishReason.CONTENT_FILTER, null), events.get(events.size() - 1));
    }

    @Test
    void aMalformedFunctionCallFinishesWithError() {
        List<StreamEvent> events = decode("{\"candidates\":[{\"finishReason\":\"MALFORMED_FUNCTION_CALL\"}]}");
        assertEquals(new StreamEvent.Finish(FinishReason.ERROR, null), events.get(events.size() - 1));
    }

    @Test
    void idLessCallsGetDistinctIdsScopedToTheResponse() {
        List<StreamEvent> events = decode(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\"}}]}}],\"responseId\":\"R1\"}",
                "[{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":1}}}]},"
                        + "\"finishReason\":\"STOP\"}],\"responseId\":\"R1\"}]");
        assertEquals(new StreamEvent.ToolCallStart(0, "call_f_R1_0", "f", null), events.get(1));
        assertEquals(new StreamEvent.ToolCallDelta(0, "{}"), events.get(2));
        assertEquals(new StreamEvent.ToolCallStart(1, "call_f_R1_1", "f", null), events.get(3));
        assertEquals(new StreamEvent.ToolCallDelta(1, "{\"a\":1}"), events.get(4));
        assertEquals(new StreamEvent.Finish(FinishReason.TOOL_CALLS, null), events.get(5));
    }

    @Test
    void codeExecutionPartsStreamAsText() {
        List<StreamEvent> events = decode("{\"candidates\":[{\"content\":{\"parts\":["
                + "{\"executableCode\":{\"language\":\"PYTHON\",\"code\":\"print(2)\"},\"thoughtSignature\":\"c2k=\"}]}}]}");
        assertInstanceOf(StreamEvent.MessageStart.class, events.get(0));
        assertEquals(new StreamEvent.TextDelta("```python\nprint(2)\n```"), events.get(1));
        assertEquals(new StreamEvent.ReasoningSignature(new Signature(WireFormat.GEMINI, "c2k=")), events.get(2));
        assertFalse(events.stream().anyMatch(e -> e instanceof StreamEvent.StreamError));
    }
}
