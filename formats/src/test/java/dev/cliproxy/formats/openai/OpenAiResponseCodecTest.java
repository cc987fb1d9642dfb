package dev.cliproxy.formats.openai;

import static dev.cliproxy.formats.openai.OpenAiFixtures.CODEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiResponseCodecTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("openai");

    private static ChatResponse decode(String json) {
        return CODEC.decodeResponse(json.replace('\'', '"').getBytes());
    }

    private static JsonNode encode(ChatResponse r) {
        return Json.parse(CODEC.encodeResponse(r, OpenAiFixtures.ctx(false)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"response-text", "response-tool-calls", "response-reasoning-cached-length"})
    void documentedResponseIsShownToTheClientUnderItsAlias(String name) {
        ChatResponse decoded = CODEC.decodeResponse(GOLDEN.bytes(name + ".json"));
        GOLDEN.assertJson(name + ".expected.json", CODEC.encodeResponse(decoded, OpenAiFixtures.ctx(false)));
    }

    @Test
    void usageWithCachedAndReasoningTokensIsRead() {
        ChatResponse r = CODEC.decodeResponse(GOLDEN.bytes("response-reasoning-cached-length.json"));
        assertEquals(new Usage(20, 120, 16, 0, 100), r.usage());
        assertEquals(FinishReason.LENGTH, r.finishReason());
        assertEquals(new ContentPart.Reasoning("Compare the tenths: 9.1 against 9.8.", null, null), r.content().get(0));
        assertEquals("deepseek-reasoner", r.model());
        assertEquals(1705651092, r.created());
    }

    @ParameterizedTest
    @CsvSource({"stop,STOP", "length,LENGTH", "tool_calls,TOOL_CALLS", "function_call,TOOL_CALLS",
            "content_filter,CONTENT_FILTER", "max_tokens,LENGTH", "something_new,STOP"})
    void finishReasonsAreRead(String wire, FinishReason reason) {
        ChatResponse r = decode("{'choices':[{'index':0,'message':{'role':'assistant','content':'x'},"
                + "'finish_reason':'" + wire + "'}]}");
        assertEquals(reason, r.finishReason());
    }

    @ParameterizedTest
    @CsvSource({"STOP,false,stop", "LENGTH,false,length", "TOOL_CALLS,true,tool_calls", "STOP,true,tool_calls",
            "CONTENT_FILTER,false,content_filter", "ERROR,false,stop", ",false,stop", ",true,tool_calls"})
    void finishReasonsAreWritten(FinishReason reason, boolean withCall, String wire) {
        List<ContentPart> content = withCall
                ? List.of(new ContentPart.ToolCall("c", "f", "{}", null))
                : List.of(new ContentPart.Text("x"));
        ChatResponse r = new ChatResponse("id-1", "up", 5, content, reason, null, null);
        assertEquals(wire, encode(r).at("/choices/0/finish_reason").textValue());
    }

    @Test
    void missingIdAndCreatedAreDerivedFromTheContext() {
        JsonNode body = encode(new ChatResponse(null, "upstream-model", 0, List.of(new ContentPart.Text("hi")),
                FinishReason.STOP, null, null));
        assertEquals("chatcmpl-req-1", body.get("id").textValue());
        assertEquals(OpenAiFixtures.CREATED, body.get("created").longValue());
        assertEquals("my-alias", body.get("model").textValue());
        assertFalse(body.has("usage"), "no usage is invented");
    }

    @Test
    void foreignSignaturesAreTaggedAndOwnOnesRaw() {
        ChatResponse r = new ChatResponse("x", "m", 1, List.of(
                new ContentPart.Reasoning("thinking", new Signature(WireFormat.CLAUDE_MESSAGES, "EqQB+/=="), null),
                new ContentPart.Text("ok"),
                new ContentPart.ToolCall("c1", "f", "{}", new Signature(WireFormat.GEMINI, "CiQB")),
                new ContentPart.ToolCall("c2", "g", "{}", new Signature(WireFormat.OPENAI_CHAT, "own"))),
                FinishReason.TOOL_CALLS, null, null);
        JsonNode msg = encode(r).at("/choices/0/message");
        assertEquals("thinking", msg.get("reasoning_content").textValue());
        assertEquals(Json.parse("""
                [{"type":"reasoning.text","text":"thinking","signature":"cpx1:claude:EqQB+/==","index":0}]"""
                .getBytes()), msg.get("reasoning_details"));
        assertEquals("cpx1:gemini:CiQB", msg.at("/tool_calls/0/extra_content/google/thought_signature").textValue());
        assertEquals("own", msg.at("/tool_calls/1/extra_content/google/thought_signature").textValue());
        assertEquals("ok", msg.get("content").textValue());
    }

    @Test
    void upstreamSignaturesAreOwnEvenWhenTheyLookTagged() {
        ChatResponse r = decode("""
                {'choices':[{'message':{'role':'assistant','content':'a','reasoning_content':'t',
                 'reasoning_details':[{'type':'reasoning.text','text':'t','signature':'cpx1:claude:x'}],
                 'tool_calls':[{'id':'c','type':'function','function':{'name':'f','arguments':'{}'},
                   'extra_content':{'google':{'thought_signature':'g-sig'}}}]},'finish_reason':'tool_calls'}]}""");
        assertEquals(new ContentPart.Reasoning("t", new Signature(WireFormat.OPENAI_CHAT, "cpx1:claude:x"), null),
                r.content().get(0));
        assertEquals(new ContentPart.ToolCall("c", "f", "{}", new Signature(WireFormat.OPENAI_CHAT, "g-sig")),
                r.content().get(2));
    }

    @Test
    void legacyFunctionCallBecomesAToolCallWithAGeneratedId() {
        ChatResponse r = decode("""
                {'choices':[{'finish_reason':'function_call','index':0,'message':{'content':null,
                 'function_call':{'arguments':'{}','name':'get_current_weather'},'role':'assistant'}}],
                 'created':1694028367,'model':'gpt-3.5-turbo-0613','object':'chat.completion'}""");
        ContentPart.ToolCall call = (ContentPart.ToolCall) r.content().get(0);
        assertEquals("get_current_weather", call.name());
        assertTrue(call.id().startsWith("call_"));
        assertEquals(FinishReason.TOOL_CALLS, r.finishReason());
    }

    @Test
    void refusalArrayContentAndImagesAreRead() {
        ChatResponse refusal = decode("""
                {'choices':[{'message':{'role':'assistant','content':null,'refusal':'I cannot help.'},
                 'finish_reason':'stop'}]}""");
        assertEquals(List.of(new ContentPart.Text("I cannot help.")), refusal.content());
        ChatResponse parts = decode("""
                {'choices':[{'message':{'role':'assistant','content':[{'type':'text','text':'a'},
                 {'type':'text','text':'b'}],'images':[{'type':'image_url','image_url':{'url':'data:image/png;base64,AA'}}]},
                 'finish_reason':'stop'}]}""");
        assertEquals(List.of(new ContentPart.Text("a"), new ContentPart.Text("b"),
                ContentPart.Image.base64("image/png", "AA")), parts.content());
    }

    @Test
    void imagesInAnAnswerAreWrittenAsImageUrls() {
        JsonNode msg = encode(new ChatResponse("x", "m", 1, List.of(ContentPart.Image.base64("image/png", "AA")),
                FinishReason.STOP, null, null)).at("/choices/0/message");
        assertEquals("data:image/png;base64,AA", msg.at("/images/0/image_url/url").textValue());
        assertEquals("", msg.get("content").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'choices':[]}", "{'id':'x'}", "[1,2]", "{'choices':[{'index':0}]}",
            "{'error':{'message':'quota exceeded','type':'insufficient_quota'}}", "not json"})
    void invalidResponsesAreFormatExceptions(String json) {
        FormatException e = assertThrows(FormatException.class, () -> decode(json));
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    void upstreamErrorBodyOnSuccessNamesTheUpstreamMessage() {
        FormatException e = assertThrows(FormatException.class,
                () -> decode("{'error':{'message':'quota exceeded','type':'insufficient_quota'}}"));
        assertTrue(e.getMessage().contains("quota exceeded"));
    }
}
