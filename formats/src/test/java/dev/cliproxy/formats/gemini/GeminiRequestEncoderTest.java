package dev.cliproxy.formats.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Message;
import dev.cliproxy.formats.ReasoningConfig.Effort;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Sampling;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.ToolChoice;
import dev.cliproxy.formats.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiRequestEncoderTest {

    private static final GeminiCodec CODEC = new GeminiCodec();
    private static final Signature GEMINI_SIG = new Signature(WireFormat.GEMINI, "R2VtaW5pU2ln+/=");
    private static final Signature CLAUDE_SIG = new Signature(WireFormat.CLAUDE_MESSAGES, "EqQBCkYIBxgCKkD");

    private static ChatRequest request(List<Message> messages) {
        return new ChatRequest("gemini-2.5-flash", List.of(), messages, List.of(), null, Sampling.NONE, null, null,
                false, false, null, null);
    }

    private static JsonNode encode(ChatRequest r) {
        return Json.parse(CODEC.encodeRequest(r));
    }

    private static JsonNode json(String s) {
        return Json.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Message user(ContentPart... parts) {
        return new Message(Message.Role.USER, List.of(parts));
    }

    private static Message model(ContentPart... parts) {
        return new Message(Message.Role.ASSISTANT, List.of(parts));
    }

    @Test
    void onlyGeminiSignaturesGoUpstreamAndForeignReasoningIsDropped() {
        JsonNode body = encode(request(List.of(
                user(new ContentPart.Text("q")),
                model(new ContentPart.Reasoning("claude thinking", CLAUDE_SIG, null),
                        new ContentPart.Reasoning("unsigned thinking", null, null),
                        new ContentPart.Reasoning("", null, "cmVkYWN0ZWQ="),
                        new ContentPart.Reasoning("gemini thinking", GEMINI_SIG, null),
                        new ContentPart.ToolCall("c1", "f", "{\"a\":1}", CLAUDE_SIG),
                        new ContentPart.ToolCall("c2", "f", "{\"a\":2}", null)),
                user(new ContentPart.ToolResult("c1", null, List.of(new ContentPart.Text("one")), false),
                        new ContentPart.ToolResult("c2", null, List.of(new ContentPart.Text("two")), false)))));
        assertEquals(json("""
                [{"text":"gemini thinking","thought":true,"thoughtSignature":"R2VtaW5pU2ln+/="},
                 {"functionCall":{"id":"c1","name":"f","args":{"a":1}},"thoughtSignature":"skip_thought_signature_validator"},
                 {"functionCall":{"id":"c2","name":"f","args":{"a":2}}}]"""), body.at("/contents/1/parts"));
        assertFalse(body.toString().contains("EqQBCkYIBxgCKkD"), "a Claude signature never goes to Gemini");
    }

    @Test
    void aGeminiSignedFirstCallKeepsItsSignatureByteExact() {
        JsonNode body = encode(request(List.of(user(new ContentPart.Text("q")),
                model(new ContentPart.ToolCall("c1", "f", "{}", GEMINI_SIG)))));
        assertEquals("R2VtaW5pU2ln+/=", body.at("/contents/1/parts/0/thoughtSignature").asText());
    }

    @Test
    void aSignatureOnlyReasoningGoesBackOnThePartBeforeIt() {
        JsonNode body = encode(request(List.of(user(new ContentPart.Text("q")),
                model(new ContentPart.Text("answer"), new ContentPart.Reasoning("", GEMINI_SIG, null)),
                user(new ContentPart.Text("more")))));
        assertEquals(json("[{\"text\":\"answer\",\"thoughtSignature\":\"R2VtaW5pU2ln+/=\"}]"),
                body.at("/contents/1/parts"));
    }

    @Test
    void contentsStartWithAUserTurnAndAlternate() {
        JsonNode body = encode(request(List.of(
                model(new ContentPart.Text("I start")),
                model(new ContentPart.Text("and continue")),
                user(new ContentPart.Text("u1")),
                user(new ContentPart.Reasoning("dropped", null, null)),
                user(new ContentPart.Text("u2")))));
        assertEquals(json("""
                [{"role":"user","parts":[{"text":"."}]},
                 {"role":"model","parts":[{"text":"I start"},{"text":"and continue"}]},
                 {"role":"user","parts":[{"text":"u1"},{"text":"u2"}]}]"""), body.get("contents"));
    }

    @Test
    void aSystemOnlyRequestBecomesOneUserTurn() {
        ChatRequest r = new ChatRequest("gemini-2.5-flash", List.of(new ContentPart.Text("Say hi")), List.of(),
                List.of(), null, Sampling.NONE, null, null, false, false, null, null);
        JsonNode body = encode(r);
        assertEquals(json("[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hi\"}]}]"), body.get("contents"));
        assertNull(body.get("systemInstruction"));
        assertNull(body.get("model"), "the model goes in the URL");
    }

    @Test
    void imagesAndDocumentsGoInlineOrByUri() {
        JsonNode body = encode(request(List.of(user(
                ContentPart.Image.base64("image/webp", "UklGR"),
                ContentPart.Image.fromUrl("data:image/gif;base64,R0lGOD"),
                ContentPart.Image.fromUrl("https://example.com/photo.png"),
                ContentPart.Image.fromUrl("https://example.com/photo"),
                new ContentPart.Document("application/pdf", "JVBER", null, "a.pdf"),
                new ContentPart.Document(null, null, "https://example.com/doc.pdf", null)))));
        assertEquals(json("""
                [{"inlineData":{"mimeType":"image/webp","data":"UklGR"}},
                 {"inlineData":{"mimeType":"image/gif","data":"R0lGOD"}},
                 {"fileData":{"mimeType":"image/png","fileUri":"https://example.com/photo.png"}},
                 {"fileData":{"mimeType":"image/jpeg","fileUri":"https://example.com/photo"}},
                 {"inlineData":{"mimeType":"application/pdf","data":"JVBER"}},
                 {"fileData":{"mimeType":"application/pdf","fileUri":"https://example.com/doc.pdf"}}]"""),
                body.at("/contents/0/parts"));
    }

    @Test
    void toolResultsRecoverTheirFunctionNameAndSendJsonAsJsonAndOrphanIdsAreLeftOut() {
        JsonNode body = encode(request(List.of(user(new ContentPart.Text("q")),
                model(new ContentPart.ToolCall("toolu_1", "read_file", "not json", null),
                        new ContentPart.ToolCall("toolu_2", "list", "[1,2]", null)),
                user(new ContentPart.ToolResult("toolu_1", null, List.of(new ContentPart.Text("{\"ok\":true}")), false),
                        new ContentPart.ToolResult("toolu_2", null, List.of(new ContentPart.Text("[1, 2]"),
                                ContentPart.Image.base64("image/png", "iVBOR")), false),
                        new ContentPart.ToolResult("toolu_9", null, List.of(new ContentPart.Text("denied")), true)))));
        assertEquals(json("""
                [{"functionCall":{"id":"toolu_1","name":"read_file","args":{}},"thoughtSignature":"skip_thought_signature_validator"},
                 {"functionCall":{"id":"toolu_2","name":"list","args":{}}}]"""), body.at("/contents/1/parts"));
        assertEquals(json("""
                [{"functionResponse":{"id":"toolu_1","name":"read_file","response":{"result":{"ok":true}}}},
                 {"functionResponse":{"id":"toolu_2","name":"list","response":{"result":[1,2]}}},
                 {"inlineData":{"mimeType":"image/png","data":"iVBOR"}},
                 {"functionResponse":{"name":"toolu_9","response":{"error":"denied"}}}]"""),
                body.at("/contents/2/parts"));
    }

    record ChoiceCase(ToolChoice choice, String expected) {
    }

    static Stream<ChoiceCase> toolChoices() {
        return Stream.of(
                new ChoiceCase(ToolChoice.AUTO, "{\"mode\":\"AUTO\"}"),
                new ChoiceCase(ToolChoice.NONE, "{\"mode\":\"NONE\"}"),
                new ChoiceCase(ToolChoice.REQUIRED, "{\"mode\":\"ANY\"}"),
                new ChoiceCase(ToolChoice.tool("f"), "{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"f\"]}"));
    }

    @ParameterizedTest
    @MethodSource("toolChoices")
    void toolChoiceBecomesFunctionCallingConfig(ChoiceCase c) {
        ChatRequest r = new ChatRequest("gemini-2.5-flash", List.of(), List.of(user(new ContentPart.Text("q"))),
                List.of(new ToolDefinition("f", "", null, null)), c.choice(), Sampling.NONE, null, null, false,
                false, true, null);
        JsonNode body = encode(r);
        assertEquals(json(c.expected()), body.at("/toolConfig/functionCallingConfig"));
        assertEquals(json("[{\"functionDeclarations\":[{\"name\":\"f\"}]}]"), body.get("tools"));
    }

    record ThinkingCase(String model, ReasoningConfig reasoning, String expected) {
        @Override
        public String toString() {
            return model + " " + reasoning;
        }
    }

    static Stream<ThinkingCase> thinking() {
        return Stream.of(
                new ThinkingCase("gemini-2.5-flash", ReasoningConfig.ofEffort(Effort.HIGH),
                        "{\"thinkingBudget\":24576,\"includeThoughts\":true}"),
                new ThinkingCase("gemini-2.5-flash", ReasoningConfig.ofEffort(Effort.XHIGH),
                        "{\"thinkingBudget\":24576,\"includeThoughts\":true}"),
                new ThinkingCase("gemini-2.5-pro", ReasoningConfig.ofEffort(Effort.XHIGH),
                        "{\"thinkingBudget\":32768,\"includeThoughts\":true}"),
                new ThinkingCase("gemini-2.5-flash", ReasoningConfig.ofEffort(Effort.NONE),
                        "{\"thinkingBudget\":0,\"includeThoughts\":false}"),
                new ThinkingCase("gemini-2.5-pro", ReasoningConfig.ofEffort(Effort.NONE),
                        "{\"thinkingBudget\":128,\"includeThoughts\":false}"),
                new ThinkingCase("gemini-2.5-flash", ReasoningConfig.ofEffort(Effort.AUTO),
                        "{\"thinkingBudget\":-1,\"includeThoughts\":true}"),
                new ThinkingCase("gemini-2.5-flash", ReasoningConfig.ofBudget(2000),
                        "{\"thinkingBudget\":2000,\"includeThoughts\":true}"),
                new ThinkingCase("gemini-2.5-flash", new ReasoningConfig(Effort.LOW, null, false),
                        "{\"thinkingBudget\":1024,\"includeThoughts\":false}"),
                new ThinkingCase("gemini-3-pro-preview", ReasoningConfig.ofEffort(Effort.LOW),
                        "{\"thinkingLevel\":\"low\",\"includeThoughts\":true}"),
                new ThinkingCase("gemini-3-pro-preview", ReasoningConfig.ofEffort(Effort.MINIMAL),
                        "{\"thinkingLevel\":\"low\",\"includeThoughts\":true}"),
                new ThinkingCase("gemini-3-pro-preview", ReasoningConfig.ofEffort(Effort.MEDIUM),
                        "{\"thinkingLevel\":\"high\",\"includeThoughts\":true}"),
                new ThinkingCase("gemini-3-pro-preview", ReasoningConfig.ofEffort(Effort.XHIGH),
                        "{\"thinkingLevel\":\"high\",\"includeThoughts\":true}"),
                new ThinkingCase("gemini-3-pro-preview", ReasoningConfig.ofEffort(Effort.NONE),
                        "{\"thinkingLevel\":\"low\",\"includeThoughts\":false}"),
                new ThinkingCase("gemini-3-pro-preview", ReasoningConfig.ofEffort(Effort.AUTO),
                        "{\"includeThoughts\":true}"),
                new ThinkingCase("models/gemini-3-flash-preview", ReasoningConfig.ofEffort(Effort.MINIMAL),
                        "{\"thinkingLevel\":\"minimal\",\"includeThoughts\":true}"),
                new ThinkingCase("gemini-3-flash-preview", ReasoningConfig.ofEffort(Effort.MEDIUM),
                        "{\"thinkingLevel\":\"medium\",\"includeThoughts\":true}"),
                new ThinkingCase("gemini-3-flash-preview", ReasoningConfig.ofBudget(8192),
                        "{\"thinkingLevel\":\"medium\",\"includeThoughts\":true}"),
                new ThinkingCase("gemini-3-flash-preview", ReasoningConfig.ofEffort(Effort.NONE),
                        "{\"thinkingLevel\":\"minimal\",\"includeThoughts\":false}"));
    }

    @ParameterizedTest
    @MethodSource("thinking")
    void reasoningBecomesThinkingConfigForTheModelFamily(ThinkingCase c) {
        ChatRequest r = new ChatRequest(c.model(), List.of(), List.of(user(new ContentPart.Text("q"))), List.of(),
                null, Sampling.NONE, c.reasoning(), null, false, false, null, null);
        assertEquals(json(c.expected()), encode(r).at("/generationConfig/thinkingConfig"));
    }

    @Test
    void noReasoningConfigMeansNoThinkingConfig() {
        assertNull(encode(request(List.of(user(new ContentPart.Text("q"))))).get("generationConfig"));
    }

    @Test
    void samplingStopAndResponseFormatGoToGenerationConfig() {
        Sampling sampling = new Sampling(0.7, 0.9, 40, 256, List.of("a", "b", "c", "d", "e", "f"), 0.1, 0.2, 7L);
        JsonNode schema = json("{\"$schema\":\"x\",\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},"
                + "\"additionalProperties\":false}");
        ChatRequest r = new ChatRequest("gemini-2.5-flash", List.of(), List.of(user(new ContentPart.Text("q"))),
                List.of(), null, sampling, null, new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "s", schema,
                true), false, false, null, null);
        assertEquals(json("""
                {"temperature":0.7,"topP":0.9,"topK":40,"maxOutputTokens":256,"stopSequences":["a","b","c","d","e"],
                 "presencePenalty":0.1,"frequencyPenalty":0.2,"seed":7,"responseMimeType":"application/json",
                 "responseJsonSchema":{"type":"object","properties":{"n":{"type":"integer"}},"additionalProperties":false}}"""),
                encode(r).get("generationConfig"));
    }

    @Test
    void jsonObjectFormatOnlySetsTheMimeTypeAndTextSetsNothing() {
        ChatRequest json = new ChatRequest("m", List.of(), List.of(user(new ContentPart.Text("q"))), List.of(),
                null, Sampling.NONE, null, new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null),
                false, false, null, null);
        assertEquals(json("{\"responseMimeType\":\"application/json\"}"), encode(json).get("generationConfig"));
        ChatRequest text = new ChatRequest("m", List.of(), List.of(user(new ContentPart.Text("q"))), List.of(),
                null, Sampling.NONE, null, new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null),
                false, false, null, null);
        assertNull(encode(text).get("generationConfig"));
    }
}
