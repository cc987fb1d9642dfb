package dev.cliproxy.formats.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.FormatException;
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

class GeminiResponseCodecTest {

    private static final GeminiCodec CODEC = new GeminiCodec();
    private static final ResponseContext CONTEXT = new ResponseContext("alias-model", "req-7", 1L, null, false);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ChatResponse decode(String body) {
        return CODEC.decodeResponse(bytes(body));
    }

    record FinishCase(String gemini, boolean withCall, FinishReason expected) {
    }

    static Stream<FinishCase> finishReasons() {
        return Stream.of(
                new FinishCase("STOP", false, FinishReason.STOP),
                new FinishCase("STOP", true, FinishReason.TOOL_CALLS),
                new FinishCase("MAX_TOKENS", false, FinishReason.LENGTH),
                new FinishCase("MAX_TOKENS", true, FinishReason.LENGTH),
                new FinishCase("SAFETY", false, FinishReason.CONTENT_FILTER),
                new FinishCase("RECITATION", false, FinishReason.CONTENT_FILTER),
                new FinishCase("BLOCKLIST", false, FinishReason.CONTENT_FILTER),
                new FinishCase("PROHIBITED_CONTENT", false, FinishReason.CONTENT_FILTER),
                new FinishCase("SPII", false, FinishReason.CONTENT_FILTER),
                new FinishCase("IMAGE_SAFETY", false, FinishReason.CONTENT_FILTER),
                new FinishCase("MALFORMED_FUNCTION_CALL", false, FinishReason.ERROR),
                new FinishCase("UNEXPECTED_TOOL_CALL", false, FinishReason.ERROR),
                new FinishCase("TOO_MANY_TOOL_CALLS", false, FinishReason.ERROR),
                new FinishCase("MISSING_THOUGHT_SIGNATURE", false, FinishReason.ERROR),
                new FinishCase("OTHER", false, FinishReason.STOP),
                new FinishCase("LANGUAGE", false, FinishReason.STOP),
                new FinishCase("FINISH_REASON_UNSPECIFIED", false, FinishReason.STOP),
                new FinishCase("SOMETHING_NEW", false, FinishReason.STOP));
    }

    @ParameterizedTest
    @MethodSource("finishReasons")
    void geminiFinishReasonsMapToCanonical(FinishCase c) {
        String call = c.withCall() ? ",{\"functionCall\":{\"name\":\"f\",\"args\":{}}}" : "";
        ChatResponse r = decode("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"t\"}" + call
                + "]},\"finishReason\":\"" + c.gemini() + "\"}]}");
        assertEquals(c.expected(), r.finishReason());
    }

    record EncodeFinishCase(FinishReason canonical, String gemini) {
    }

    static Stream<EncodeFinishCase> encodedFinishReasons() {
        return Stream.of(new EncodeFinishCase(FinishReason.STOP, "STOP"),
                new EncodeFinishCase(FinishReason.TOOL_CALLS, "STOP"),
                new EncodeFinishCase(FinishReason.LENGTH, "MAX_TOKENS"),
                new EncodeFinishCase(FinishReason.CONTENT_FILTER, "SAFETY"),
                new EncodeFinishCase(FinishReason.ERROR, "OTHER"),
                new EncodeFinishCase(null, "STOP"));
    }

    @ParameterizedTest
    @MethodSource("encodedFinishReasons")
    void canonicalFinishReasonsMapToGemini(EncodeFinishCase c) {
        ChatResponse r = new ChatResponse("id", "m", 0, List.of(new ContentPart.Text("x")), c.canonical(), null, null);
        assertEquals(c.gemini(), Json.parse(CODEC.encodeResponse(r, CONTEXT)).at("/candidates/0/finishReason")
                .asText());
    }

    @Test
    void usageCountsThoughtsAsOutputAndToolUsePromptsAsInput() {
        ChatResponse r = decode("""
                {"candidates":[{"content":{"parts":[{"text":"x"}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":100,"toolUsePromptTokenCount":20,"candidatesTokenCount":30,
                   "thoughtsTokenCount":50,"cachedContentTokenCount":40,"totalTokenCount":200}}""");
        assertEquals(new Usage(120, 80, 40, 0, 50), r.usage());
        JsonNode meta = Json.parse(CODEC.encodeResponse(r, CONTEXT)).get("usageMetadata");
        assertEquals(Json.parse(bytes("""
                {"promptTokenCount":120,"candidatesTokenCount":30,"thoughtsTokenCount":50,
                 "cachedContentTokenCount":40,"totalTokenCount":200}""")), meta);
    }

    @Test
    void foreignSignaturesAreTaggedForGeminiClientsAndIdsAreDerivedFromTheRequest() {
        Signature claude = new Signature(WireFormat.CLAUDE_MESSAGES, "EqQBCkYIBxgCKkD");
        ChatResponse r = new ChatResponse(null, "claude-sonnet", 0, List.of(
                new ContentPart.Reasoning("Let me think.", claude, null),
                new ContentPart.Reasoning("", null, "cmVkYWN0ZWQ="),
                new ContentPart.Text("Calling the tool."),
                new ContentPart.ToolCall(null, "lookup", "{\"q\":\"x\"}", null),
                new ContentPart.ToolCall("toolu_2", "lookup", "{}", new Signature(WireFormat.GEMINI, "R2Vt"))),
                FinishReason.TOOL_CALLS, null, new Usage(10, 5, 0, 0, 0));
        JsonNode body = Json.parse(CODEC.encodeResponse(r, CONTEXT));
        assertEquals(Json.parse(bytes("""
                [{"text":"Let me think.","thought":true,"thoughtSignature":"cpx1:claude:EqQBCkYIBxgCKkD"},
                 {"text":"Calling the tool."},
                 {"functionCall":{"id":"call_req-7_0","name":"lookup","args":{"q":"x"}}},
                 {"functionCall":{"id":"toolu_2","name":"lookup","args":{}},"thoughtSignature":"R2Vt"}]""")),
                body.at("/candidates/0/content/parts"));
        assertEquals("alias-model", body.get("modelVersion").asText());
        assertEquals("req-7", body.get("responseId").asText());
    }

    @Test
    void inlineImagesAreKeptAndOtherMediaDropped() {
        ChatResponse r = decode("""
                {"candidates":[{"content":{"parts":[{"inlineData":{"mimeType":"image/png","data":"iVBOR"}},
                  {"inlineData":{"mimeType":"audio/L16;codec=pcm;rate=24000","data":"AAAA"}}]},"finishReason":"STOP"}]}""");
        assertEquals(List.of(ContentPart.Image.base64("image/png", "iVBOR")), r.content());
    }

    @Test
    void unknownResponsePartKindsAreSkipped() {
        ChatResponse r = decode("""
                {"candidates":[{"content":{"parts":[{"toolCall":{"id":"x"}},{"text":"ok"}]},"finishReason":"STOP"}]}""");
        assertEquals(List.of(new ContentPart.Text("ok")), r.content());
    }

    @Test
    void anErrorBodyOrNonJsonIsNotAResponse() {
        assertThrows(FormatException.class, () -> decode("{\"error\":{\"code\":400,\"message\":\"bad\"}}"));
        assertThrows(FormatException.class, () -> decode("<html>502</html>"));
        assertThrows(FormatException.class, () -> decode("\"text\""));
    }

    @Test
    void aJsonArrayStreamBodyIsAssembledIntoOneResponse() {
        ChatResponse r = decode("""
                [{"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]}}],"responseId":"a1","modelVersion":"g"},
                 {"candidates":[{"content":{"role":"model","parts":[{"text":"lo"}]},"finishReason":"STOP"}],
                  "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":2,"totalTokenCount":5},"responseId":"a1"}]""");
        assertEquals(List.of(new ContentPart.Text("Hello")), r.content());
        assertEquals(FinishReason.STOP, r.finishReason());
        assertEquals("a1", r.id());
        assertEquals(new Usage(3, 2, 0, 0, 0), r.usage());
    }

    @Test
    void anEmptyCandidateListWithoutBlockReasonHasNoFinishReason() {
        ChatResponse r = decode("{\"candidates\":[],\"modelVersion\":\"g\"}");
        assertEquals(List.of(), r.content());
        assertEquals(null, r.finishReason());
        assertFalse(r.hasToolCalls());
    }
}
