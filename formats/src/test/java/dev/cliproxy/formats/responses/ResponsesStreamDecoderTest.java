package dev.cliproxy.formats.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.StreamAggregator;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResponsesStreamDecoderTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("responses");

    static List<StreamEvent> decode(List<SseEvent> transcript) {
        StreamDecoder decoder = new ResponsesCodec().newStreamDecoder();
        List<StreamEvent> out = new ArrayList<>();
        transcript.forEach(e -> decoder.decode(e, out::add));
        decoder.end(out::add);
        return out;
    }

    static List<StreamEvent> decodeGolden(String name) {
        return decode(GOLDEN.sse(name));
    }

    @Test
    void textStream() {
        assertEquals(List.of(
                new StreamEvent.MessageStart("resp_67ccfcdd16748190a91872c75d38539e09e4d4aac714747c",
                        "gpt-4o-2024-08-06", null),
                new StreamEvent.TextDelta("In"),
                new StreamEvent.TextDelta(" a shimmering forest"),
                new StreamEvent.BlockEnd(),
                new StreamEvent.UsageUpdate(new Usage(37, 11, 0, 0, 0)),
                new StreamEvent.Finish(FinishReason.STOP, null)), decodeGolden("stream-text.sse"));
    }

    @Test
    void reasoningSummariesSignatureAndToolCalls() {
        assertEquals(List.of(
                new StreamEvent.MessageStart("resp_0a1b2c3d", "gpt-5-codex", null),
                new StreamEvent.ReasoningDelta("**Inspecting"),
                new StreamEvent.ReasoningDelta(" the test**"),
                new StreamEvent.ReasoningDelta("\n\n"),
                new StreamEvent.ReasoningDelta("**Planning the fix**"),
                new StreamEvent.ReasoningSignature(new Signature(WireFormat.OPENAI_RESPONSES,
                        "gAAAAABpF-opaque-blob==")),
                new StreamEvent.BlockEnd(),
                new StreamEvent.ToolCallStart(0, "call_A1", "shell", null),
                new StreamEvent.ToolCallDelta(0, "{\"command\":"),
                new StreamEvent.ToolCallDelta(0, "[\"cat\",\"calc.py\"]}"),
                new StreamEvent.BlockEnd(),
                new StreamEvent.ToolCallStart(1, "call_A2", "shell", null),
                new StreamEvent.ToolCallDelta(1, "{\"command\":[\"cat\",\"test_calc.py\"]}"),
                new StreamEvent.BlockEnd(),
                new StreamEvent.UsageUpdate(new Usage(5120, 180, 4096, 0, 128)),
                new StreamEvent.Finish(FinishReason.TOOL_CALLS, null)),
                decodeGolden("stream-reasoning-tool-calls.sse"));
    }

    @Test
    void aggregatedStreamMatchesTheWholeItemsTheClientSendsBack() {
        StreamAggregator agg = new StreamAggregator();
        decodeGolden("stream-reasoning-tool-calls.sse").forEach(agg);
        ChatResponse r = agg.result();
        // the same reasoning text the request decoder builds from the item's two summary parts
        assertEquals(List.of(
                new ContentPart.Reasoning("**Inspecting the test**\n\n**Planning the fix**",
                        new Signature(WireFormat.OPENAI_RESPONSES, "gAAAAABpF-opaque-blob=="), null),
                new ContentPart.ToolCall("call_A1", "shell", "{\"command\":[\"cat\",\"calc.py\"]}", null),
                new ContentPart.ToolCall("call_A2", "shell", "{\"command\":[\"cat\",\"test_calc.py\"]}", null)),
                r.content());
    }

    @Test
    void failedResponseIsAStreamErrorWithTheUpstreamMessage() {
        assertEquals(List.of(
                new StreamEvent.MessageStart("resp_123", "gpt-4o-mini-2024-07-18", null),
                new StreamEvent.StreamError(new ApiError(500, "The model failed to generate a response.",
                        "server_error"))), decodeGolden("stream-failed.sse"));
    }

    @Test
    void errorEventIsReportedOnceEvenWhenResponseFailedFollows() {
        assertEquals(List.of(
                new StreamEvent.MessageStart("resp_6867f1cae59481a0", "gpt-4o-2024-08-06", null),
                new StreamEvent.StreamError(new ApiError(429,
                        "Request too large for gpt-4o on tokens per min (TPM): Limit 1, Requested 30.",
                        "rate_limit_exceeded"))), decodeGolden("stream-error-event.sse"));
    }

    @Test
    void documentedFlatErrorEvent() {
        List<StreamEvent> events = decode(List.of(SseEvent.of("error",
                "{\"type\":\"error\",\"code\":\"server_is_overloaded\",\"message\":\"Try again\",\"param\":null,"
                        + "\"sequence_number\":1}")));
        assertEquals(List.of(new StreamEvent.StreamError(new ApiError(503, "Try again", "server_is_overloaded"))),
                events);
    }

    @Test
    void incompleteIsLength() {
        List<StreamEvent> events = decodeGolden("stream-incomplete.sse");
        assertEquals(new StreamEvent.Finish(FinishReason.LENGTH, null), events.get(events.size() - 1));
    }

    @Test
    void streamCutOffBeforeCompletionIsAnError() {
        List<SseEvent> transcript = GOLDEN.sse("stream-text.sse");
        List<StreamEvent> events = decode(transcript.subList(0, 5));
        assertEquals(List.of(
                new StreamEvent.MessageStart("resp_67ccfcdd16748190a91872c75d38539e09e4d4aac714747c",
                        "gpt-4o-2024-08-06", null),
                new StreamEvent.TextDelta("In"),
                new StreamEvent.StreamError(new ApiError(502, "upstream stream ended before response.completed",
                        null))), events);
    }

    @Test
    void itemsThatArriveWholeAreEmittedFromTheirDoneEvent() {
        List<StreamEvent> events = decode(List.of(
                SseEvent.data("{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"type\":"
                        + "\"reasoning\",\"id\":\"rs_1\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"why\"}]}}"),
                SseEvent.data("{\"type\":\"response.output_item.done\",\"output_index\":1,\"item\":{\"type\":"
                        + "\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
                        + "\"text\":\"hi\"}]}}"),
                SseEvent.data("{\"type\":\"response.output_item.done\",\"output_index\":2,\"item\":{\"type\":"
                        + "\"function_call\",\"call_id\":\"c9\",\"name\":\"f\",\"arguments\":\"{}\"}}"),
                SseEvent.data("[DONE]"),
                SseEvent.data("{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_9\",\"model\":\"m\","
                        + "\"status\":\"completed\"}}")));
        assertEquals(List.of(
                new StreamEvent.ReasoningDelta("why"), new StreamEvent.BlockEnd(),
                new StreamEvent.TextDelta("hi"), new StreamEvent.BlockEnd(),
                new StreamEvent.ToolCallStart(0, "c9", "f", null), new StreamEvent.ToolCallDelta(0, "{}"),
                new StreamEvent.BlockEnd(),
                new StreamEvent.MessageStart("resp_9", "m", null),
                new StreamEvent.Finish(FinishReason.TOOL_CALLS, null)), events);
    }

    @Test
    void noiseIsIgnored() {
        List<StreamEvent> events = decode(List.of(SseEvent.data("not json"),
                SseEvent.data("{\"type\":\"response.web_search_call.searching\",\"output_index\":0}"),
                SseEvent.data("{\"no_type\":true}"),
                SseEvent.data("{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"model\":\"m\"}}"),
                SseEvent.data("{\"type\":\"response.output_text.delta\",\"delta\":\"after the end\"}")));
        assertEquals(List.of(new StreamEvent.MessageStart("resp_1", "m", null),
                new StreamEvent.Finish(FinishReason.STOP, null)), events);
    }

    record CodeCase(String code, int status) {
    }

    static Stream<CodeCase> codes() {
        return Stream.of(new CodeCase("rate_limit_exceeded", 429), new CodeCase("insufficient_quota", 429),
                new CodeCase("server_is_overloaded", 503), new CodeCase("invalid_prompt", 400),
                new CodeCase("context_length_exceeded", 400), new CodeCase("invalid_api_key", 401),
                new CodeCase("model_not_found", 404), new CodeCase("server_error", 500),
                new CodeCase("something_new", 500), new CodeCase(null, 500));
    }

    @ParameterizedTest
    @MethodSource("codes")
    void errorCodesMapToStatuses(CodeCase c) {
        String err = c.code() == null ? "{\"message\":\"boom\"}"
                : "{\"code\":\"" + c.code() + "\",\"message\":\"boom\"}";
        List<StreamEvent> events = decode(List.of(SseEvent.data(
                "{\"type\":\"response.failed\",\"response\":{\"status\":\"failed\",\"error\":" + err + "}}")));
        assertEquals(List.of(new StreamEvent.StreamError(new ApiError(c.status(), "boom", c.code()))), events);
    }
}
