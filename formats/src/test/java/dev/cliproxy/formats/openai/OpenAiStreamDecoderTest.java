package dev.cliproxy.formats.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.StreamEvent.Finish;
import dev.cliproxy.formats.StreamEvent.MessageStart;
import dev.cliproxy.formats.StreamEvent.TextDelta;
import dev.cliproxy.formats.StreamEvent.ToolCallDelta;
import dev.cliproxy.formats.StreamEvent.ToolCallStart;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OpenAiStreamDecoderTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("openai");

    /** Events for data lines written with ' for ", each wrapped as a chunk unless it is a whole JSON object. */
    private static List<StreamEvent> decode(String... data) {
        List<SseEvent> events = new ArrayList<>();
        for (String d : data) {
            events.add(SseEvent.data(d.replace('\'', '"')));
        }
        return OpenAiFixtures.decode(events);
    }

    private static String chunk(String delta) {
        return chunk(delta, "null");
    }

    private static String chunk(String delta, String finish) {
        return "{'id':'c-1','object':'chat.completion.chunk','created':1,'model':'up','choices':[{'index':0,"
                + "'delta':" + delta + ",'finish_reason':" + finish + "}]}";
    }

    @Test
    void documentedTextStreamDecodesToStartDeltasAndFinish() {
        List<StreamEvent> events = OpenAiFixtures.decode(GOLDEN.sse("stream-text.sse"));
        List<StreamEvent> expected = new ArrayList<>();
        expected.add(new MessageStart("chatcmpl-123", "gpt-4o-mini", null));
        Stream.of("Hello", "!", " How", " can", " I", " assist", " you", " today", "?")
                .forEach(t -> expected.add(new TextDelta(t)));
        expected.add(new Finish(FinishReason.STOP, null));
        assertEquals(expected, events);
    }

    @Test
    void documentedToolCallStreamDecodesFragmentsAsTheyArriveAndUsage() {
        List<StreamEvent> events = OpenAiFixtures.decode(GOLDEN.sse("stream-tool-call-usage.sse"));
        assertEquals(new ToolCallStart(0, "call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather", null), events.get(1));
        assertEquals(new ToolCallDelta(0, "{\""), events.get(2));
        assertEquals(new ToolCallDelta(0, "\"}"), events.get(8));
        assertEquals(new Finish(FinishReason.TOOL_CALLS, null), events.get(9));
        assertEquals(new StreamEvent.UsageUpdate(new Usage(65, 18, 0, 0, 0)), events.get(10));
        assertEquals(11, events.size());
    }

    @Test
    void reasoningContentAndReasoningFieldsBecomeReasoningDeltas() {
        List<StreamEvent> events = decode(chunk("{'reasoning_content':'a'}"), chunk("{'reasoning':'b'}"),
                chunk("{'content':'c'}"));
        assertEquals(List.of(new MessageStart("c-1", "up", null), new StreamEvent.ReasoningDelta("a"),
                new StreamEvent.ReasoningDelta("b"), new TextDelta("c")), events);
    }

    @Test
    void reasoningDetailsSignatureBecomesAReasoningSignature() {
        List<StreamEvent> events = decode(chunk("{'reasoning':'t','reasoning_details':[{'type':'reasoning.text',"
                + "'text':'t','signature':'c2ln/+=','index':0}]}"));
        assertEquals(List.of(new MessageStart("c-1", "up", null), new StreamEvent.ReasoningDelta("t"),
                new StreamEvent.ReasoningSignature(new Signature(WireFormat.OPENAI_CHAT, "c2ln/+="))), events);
    }

    @Test
    void toolCallStartWaitsForTheNameAndHoldsOnlyThatCallsEarlyFragments() {
        List<StreamEvent> events = decode(
                chunk("{'tool_calls':[{'index':0,'id':'call_1','type':'function','function':{'arguments':'{\\'a'}}]}"),
                chunk("{'tool_calls':[{'index':1,'id':'call_2','function':{'name':'g','arguments':'{}'}}]}"),
                chunk("{'tool_calls':[{'index':0,'function':{'name':'f','arguments':'\\':1'}}]}"),
                chunk("{'tool_calls':[{'index':0,'function':{'arguments':'}'}}]}"),
                chunk("{}", "'tool_calls'"));
        assertEquals(List.of(new MessageStart("c-1", "up", null),
                new ToolCallStart(0, "call_2", "g", null), new ToolCallDelta(0, "{}"),
                new ToolCallStart(1, "call_1", "f", null), new ToolCallDelta(1, "{\"a"), new ToolCallDelta(1, "\":1"),
                new ToolCallDelta(1, "}"),
                new Finish(FinishReason.TOOL_CALLS, null)), events);
    }

    @Test
    void callsWithoutIndexAreToldApartByTheirIds() {
        List<StreamEvent> events = decode(
                chunk("{'tool_calls':[{'id':'a','type':'function','function':{'name':'f','arguments':'{}'}}]}"),
                chunk("{'tool_calls':[{'id':'b','type':'function','function':{'name':'g','arguments':'{'}}]}"),
                chunk("{'tool_calls':[{'function':{'arguments':'}'}}]}"));
        assertEquals(List.of(new MessageStart("c-1", "up", null),
                new ToolCallStart(0, "a", "f", null), new ToolCallDelta(0, "{}"),
                new ToolCallStart(1, "b", "g", null), new ToolCallDelta(1, "{"), new ToolCallDelta(1, "}")), events);
    }

    @Test
    void aReusedIndexWithANewIdIsANewCallAndFollowingFragmentsGoToIt() {
        List<StreamEvent> events = decode(
                chunk("{'tool_calls':[{'index':0,'id':'a','function':{'name':'f','arguments':'{}'}}]}"),
                chunk("{'tool_calls':[{'index':0,'id':'b','function':{'name':'g','arguments':''}}]}"),
                chunk("{'tool_calls':[{'index':0,'function':{'arguments':'{}'}}]}"));
        assertEquals(List.of(new MessageStart("c-1", "up", null),
                new ToolCallStart(0, "a", "f", null), new ToolCallDelta(0, "{}"),
                new ToolCallStart(1, "b", "g", null), new ToolCallDelta(1, "{}")), events);
    }

    @Test
    void aCallWhoseNameNeverCameIsStartedAtTheEndSoItsArgumentsSurvive() {
        List<StreamEvent> events = decode(chunk("{'tool_calls':[{'index':0,'id':'a','function':{'arguments':'{}'}}]}"));
        assertEquals(List.of(new MessageStart("c-1", "up", null), new ToolCallStart(0, "a", "", null),
                new ToolCallDelta(0, "{}")), events);
    }

    @Test
    void thoughtSignatureOnAToolCallIsKept() {
        List<StreamEvent> events = decode(chunk("{'tool_calls':[{'index':0,'id':'a','type':'function',"
                + "'function':{'name':'f','arguments':'{}'},'extra_content':{'google':{'thought_signature':'gs'}}}]}"));
        assertEquals(new ToolCallStart(0, "a", "f", new Signature(WireFormat.OPENAI_CHAT, "gs")), events.get(1));
    }

    @Test
    void legacyFunctionCallDeltasBecomeOneToolCall() {
        List<StreamEvent> events = decode(chunk("{'function_call':{'name':'f','arguments':''}}"),
                chunk("{'function_call':{'arguments':'{}'}}"), chunk("{}", "'function_call'"));
        ToolCallStart start = assertInstanceOf(ToolCallStart.class, events.get(1));
        assertEquals("f", start.name());
        assertTrue(start.id().startsWith("call_"));
        assertEquals(new ToolCallDelta(0, "{}"), events.get(2));
        assertEquals(new Finish(FinishReason.TOOL_CALLS, null), events.get(3));
    }

    @Test
    void inBandErrorBecomesAStreamErrorWithTheStatusOfItsType() {
        List<StreamEvent> events = decode(chunk("{'content':'a'}"),
                "{'error':{'message':'Rate limit reached','type':'rate_limit_error','param':null,'code':'rate_limit_exceeded'}}");
        assertEquals(new StreamEvent.StreamError(new ApiError(429, "Rate limit reached", "rate_limit_exceeded")),
                events.get(2));
    }

    @Test
    void numericErrorCodeGivesTheStatus() {
        List<StreamEvent> events = decode("{'error':{'message':'overloaded','code':503}}");
        assertEquals(List.of(new StreamEvent.StreamError(new ApiError(503, "overloaded", null))), events);
    }

    @Test
    void junkEmptyChoicesRoleOnlyDeltasAndEventsAfterDoneAreHarmless() {
        List<StreamEvent> events = decode("not json", "42", chunk("{'role':'assistant'}"),
                "{'id':'c-1','choices':[],'usage':{'prompt_tokens':3,'completion_tokens':4,'total_tokens':7}}",
                "[DONE]", chunk("{'content':'late'}"));
        assertEquals(List.of(new MessageStart("c-1", "up", null),
                new StreamEvent.UsageUpdate(new Usage(3, 4, 0, 0, 0))), events);
    }

    @Test
    void onlyTheFirstChoiceIsFollowed() {
        List<StreamEvent> events = decode("{'id':'x','choices':[{'index':1,'delta':{'content':'other'}},"
                + "{'index':0,'delta':{'content':'mine'}}]}");
        assertEquals(List.of(new MessageStart("x", null, null), new TextDelta("mine")), events);
    }
}
