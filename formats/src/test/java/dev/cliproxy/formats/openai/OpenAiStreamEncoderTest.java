package dev.cliproxy.formats.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiStreamEncoderTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("openai");

    private static List<SseEvent> encode(boolean includeUsage, StreamEvent... events) {
        return OpenAiFixtures.encode(List.of(events), OpenAiFixtures.ctx(includeUsage));
    }

    private static JsonNode json(SseEvent e) {
        return Json.parse(e.data());
    }

    private static JsonNode delta(SseEvent e) {
        return json(e).at("/choices/0/delta");
    }

    private static String finishOf(List<SseEvent> out) {
        return json(out.get(out.size() - 2)).at("/choices/0/finish_reason").textValue();
    }

    @Test
    void documentedTextStreamIsReEmittedChunkForChunk() {
        transcodes("stream-text", false);
    }

    @Test
    void documentedToolCallStreamKeepsFragmentsAndAddsTheUsageChunk() {
        transcodes("stream-tool-call-usage", true);
    }

    @Test
    void reasoningStreamUsesReasoningContentDeltas() {
        transcodes("stream-reasoning-usage", true);
    }

    @Test
    void upstreamErrorMidwayEndsTheStreamWithTheErrorAndNoDone() {
        transcodes("stream-error-midway", true);
    }

    private static void transcodes(String name, boolean includeUsage) {
        List<StreamEvent> events = OpenAiFixtures.decode(GOLDEN.sse(name + ".sse"));
        List<SseEvent> out = OpenAiFixtures.encode(events, OpenAiFixtures.ctx(includeUsage));
        GOLDEN.assertSse(name + ".expected.sse", out);
    }

    @Test
    void endWithoutAnyEventStillSendsRoleFinishAndDone() {
        List<SseEvent> out = encode(true);
        assertEquals(3, out.size(), "no usage chunk is invented when no usage is known");
        assertEquals(Json.parse("{\"role\":\"assistant\",\"content\":\"\"}".getBytes()), delta(out.get(0)));
        assertEquals("stop", finishOf(out));
        assertTrue(out.get(2).dataEquals("[DONE]"));
        assertNull(out.get(2).event());
        assertEquals("chatcmpl-req-1", json(out.get(0)).get("id").textValue());
    }

    @Test
    void everyChunkSharesIdCreatedAndModelAndNoDataIsEmpty() {
        List<SseEvent> out = encode(true, new StreamEvent.MessageStart("up-id", "upstream-model", null),
                new StreamEvent.TextDelta("a \"quoted\"\nline é 😀"), new StreamEvent.UsageUpdate(new Usage(1, 2, 0, 0, 0)));
        for (SseEvent e : out.subList(0, out.size() - 1)) {
            JsonNode chunk = json(e);
            assertEquals("up-id", chunk.get("id").textValue());
            assertEquals(OpenAiFixtures.CREATED, chunk.get("created").longValue());
            assertEquals("my-alias", chunk.get("model").textValue());
            assertEquals("chat.completion.chunk", chunk.get("object").textValue());
        }
        assertEquals("a \"quoted\"\nline é 😀", delta(out.get(1)).get("content").textValue());
        assertTrue(out.stream().allMatch(e -> e.data().length > 0));
    }

    @ParameterizedTest
    @CsvSource({"LENGTH,false,length", "CONTENT_FILTER,false,content_filter", "STOP,true,tool_calls",
            "TOOL_CALLS,true,tool_calls", "ERROR,false,stop", ",true,tool_calls", ",false,stop"})
    void finishChunkCarriesTheMappedReason(FinishReason reason, boolean withCall, String wire) {
        List<StreamEvent> events = new ArrayList<>();
        if (withCall) {
            events.add(new StreamEvent.ToolCallStart(0, "c", "f", null));
        }
        if (reason != null) {
            events.add(new StreamEvent.Finish(reason, null));
        }
        List<SseEvent> out = OpenAiFixtures.encode(events, OpenAiFixtures.ctx(false));
        assertEquals(wire, finishOf(out));
    }

    @Test
    void toolCallIndexesAreDenseAndFragmentsStreamAsTheyArrive() {
        List<SseEvent> out = encode(false,
                new StreamEvent.ToolCallStart(3, "call_a", "f", null),
                new StreamEvent.ToolCallDelta(3, "{\"x\":"),
                new StreamEvent.ToolCallStart(7, "call_b", "g", new Signature(WireFormat.GEMINI, "CiQB")),
                new StreamEvent.ToolCallDelta(3, "1}"),
                new StreamEvent.ToolCallDelta(9, "lost"),
                new StreamEvent.ToolCallDelta(7, "{}"));
        assertEquals(Json.parse("""
                {"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"f","arguments":""}}]}"""
                .getBytes()), delta(out.get(1)));
        assertEquals(Json.parse("""
                {"tool_calls":[{"index":0,"function":{"arguments":"{\\"x\\":"}}]}""".getBytes()), delta(out.get(2)));
        assertEquals(Json.parse("""
                {"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"g","arguments":""},
                 "extra_content":{"google":{"thought_signature":"cpx1:gemini:CiQB"}}}]}""".getBytes()),
                delta(out.get(3)));
        assertEquals(Json.parse("""
                {"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]}""".getBytes()), delta(out.get(4)));
        assertEquals(Json.parse("""
                {"tool_calls":[{"index":1,"function":{"arguments":"{}"}}]}""".getBytes()), delta(out.get(5)));
        assertEquals(8, out.size(), "the fragment of an unknown call is dropped");
    }

    @Test
    void reasoningSignatureIsSentTaggedInReasoningDetails() {
        List<SseEvent> out = encode(false, new StreamEvent.ReasoningDelta("hmm"),
                new StreamEvent.ReasoningSignature(new Signature(WireFormat.CLAUDE_MESSAGES, "EqQB+/==")),
                new StreamEvent.RedactedReasoning("opaque"), new StreamEvent.BlockEnd(), new StreamEvent.TextDelta("x"));
        assertEquals("hmm", delta(out.get(1)).get("reasoning_content").textValue());
        assertEquals(Json.parse("""
                {"reasoning_details":[{"type":"reasoning.text","signature":"cpx1:claude:EqQB+/==","index":0}]}"""
                .getBytes()), delta(out.get(2)));
        assertEquals("x", delta(out.get(3)).get("content").textValue());
        assertEquals(6, out.size());
    }

    @Test
    void errorBeforeAnythingElseIsTheOnlyEvent() {
        StreamEncoder encoder = OpenAiFixtures.CODEC.newStreamEncoder(OpenAiFixtures.ctx(true));
        List<SseEvent> out = new ArrayList<>();
        encoder.encode(new StreamEvent.StreamError(new ApiError(429, "slow down", null)), out::add);
        encoder.encode(new StreamEvent.TextDelta("ignored"), out::add);
        encoder.end(out::add);
        encoder.end(out::add);
        assertEquals(1, out.size());
        assertEquals(Json.parse("""
                {"error":{"message":"slow down","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}"""
                .getBytes()), json(out.get(0)));
    }

    @Test
    void usageReportsMergeFieldByFieldIntoTheUsageChunk() {
        List<SseEvent> out = encode(true, new StreamEvent.MessageStart("m", "u", new Usage(10, 0, 4, 0, 0)),
                new StreamEvent.TextDelta("a"), new StreamEvent.Finish(FinishReason.STOP, null),
                new StreamEvent.UsageUpdate(new Usage(10, 7, 0, 0, 3)));
        JsonNode usageChunk = json(out.get(out.size() - 2));
        assertTrue(usageChunk.get("choices").isEmpty());
        assertEquals(Json.parse("""
                {"prompt_tokens":10,"completion_tokens":7,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":4},
                 "completion_tokens_details":{"reasoning_tokens":3}}""".getBytes()), usageChunk.get("usage"));
        assertEquals("stop", json(out.get(out.size() - 3)).at("/choices/0/finish_reason").textValue());
    }

    @Test
    void aThousandDeltasBecomeAThousandChunksWhoseTextConcatenates() {
        List<StreamEvent> events = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            events.add(new StreamEvent.TextDelta("w" + i + " "));
            expected.append("w").append(i).append(' ');
        }
        List<SseEvent> out = OpenAiFixtures.encode(events, OpenAiFixtures.ctx(false));
        assertEquals(1003, out.size());
        StringBuilder text = new StringBuilder();
        for (SseEvent e : out.subList(1, 1001)) {
            text.append(delta(e).get("content").textValue());
        }
        assertEquals(expected.toString(), text.toString());
    }
}
