package dev.cliproxy.formats.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Message;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.ToolChoice;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiRequestDecoderTest {

    private static final GeminiCodec CODEC = new GeminiCodec();

    private static ChatRequest decode(String json) {
        return CODEC.decodeRequest(Json.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    record Case(String name, String body, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> malformed() {
        return Stream.of(
                new Case("body is an array", "[]", "JSON object"),
                new Case("contents missing", "{}", "contents is required"),
                new Case("contents empty", "{\"contents\":[]}", "at least one"),
                new Case("contents a string", "{\"contents\":\"hi\"}", "contents must be an array"),
                new Case("content not an object", "{\"contents\":[1]}", "contents[0] must be an object"),
                new Case("only empty turns", "{\"contents\":[{\"role\":\"model\",\"parts\":[]}]}", "at least one"),
                new Case("unknown role", "{\"contents\":[{\"role\":\"bot\",\"parts\":[{\"text\":\"x\"}]}]}",
                        "role 'bot'"),
                new Case("text not a string", "{\"contents\":[{\"parts\":[{\"text\":5}]}]}", "text must be a string"),
                new Case("unsupported part", "{\"contents\":[{\"parts\":[{\"videoMetadata\":{}}]}]}",
                        "no supported content"),
                new Case("function call without name",
                        "{\"contents\":[{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"args\":{}}}]}]}",
                        "functionCall.name is required"),
                new Case("function call args not an object",
                        "{\"contents\":[{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":[1]}}]}]}",
                        "args must be an object"),
                new Case("function response without name",
                        "{\"contents\":[{\"parts\":[{\"functionResponse\":{\"response\":{}}}]}]}",
                        "functionResponse.name is required"),
                new Case("inline data without data",
                        "{\"contents\":[{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\"}}]}]}",
                        "needs mimeType and data"),
                new Case("file data without uri",
                        "{\"contents\":[{\"parts\":[{\"fileData\":{\"mimeType\":\"image/png\"}}]}]}",
                        "fileUri is required"),
                new Case("temperature not a number",
                        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{\"temperature\":\"hot\"}}",
                        "temperature must be a number"),
                new Case("maxOutputTokens fractional",
                        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{\"maxOutputTokens\":1.5}}",
                        "maxOutputTokens must be an integer"),
                new Case("stop sequences not strings",
                        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{\"stopSequences\":[1]}}",
                        "stopSequences"),
                new Case("generationConfig not an object",
                        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":3}",
                        "generationConfig must be an object"),
                new Case("thinkingConfig not an object",
                        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{\"thinkingConfig\":1}}",
                        "thinkingConfig must be an object"),
                new Case("declaration without name",
                        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"tools\":[{\"functionDeclarations\":[{}]}]}",
                        "name is required"),
                new Case("unknown tool mode",
                        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],"
                                + "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"SOMETIMES\"}}}",
                        "SOMETIMES"),
                new Case("system instruction a number",
                        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"systemInstruction\":7}",
                        "systemInstruction"),
                new Case("wrapped request not an object", "{\"generateContentRequest\":[]}",
                        "generateContentRequest must be an object"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedRequestsAreFormatExceptions(Case c) {
        FormatException e = assertThrows(FormatException.class, () -> decode(c.body()));
        assertTrue(e.getMessage().contains(c.messagePart()), () -> "message was: " + e.getMessage());
    }

    @Test
    void camelCaseAndSnakeCaseSpellingsDecodeTheSame() {
        String camel = """
                {"systemInstruction":{"parts":[{"text":"sys"}]},
                 "contents":[{"role":"user","parts":[{"text":"hi"},
                   {"inlineData":{"mimeType":"image/png","data":"AAAA"}},
                   {"fileData":{"mimeType":"application/pdf","fileUri":"gs://b/f.pdf"}}]},
                  {"role":"model","parts":[{"functionCall":{"name":"f","args":{"a":1}},"thoughtSignature":"c2ln"}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"f","response":{"result":"ok"}}}]}],
                 "tools":[{"functionDeclarations":[{"name":"f","parametersJsonSchema":{"type":"object"}}]}],
                 "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["f"]}},
                 "generationConfig":{"maxOutputTokens":10,"topK":3,"stopSequences":["x"],"responseMimeType":"application/json",
                   "thinkingConfig":{"thinkingBudget":100,"includeThoughts":true}}}""";
        String snake = """
                {"system_instruction":{"parts":[{"text":"sys"}]},
                 "contents":[{"role":"user","parts":[{"text":"hi"},
                   {"inline_data":{"mime_type":"image/png","data":"AAAA"}},
                   {"file_data":{"mime_type":"application/pdf","file_uri":"gs://b/f.pdf"}}]},
                  {"role":"model","parts":[{"function_call":{"name":"f","args":{"a":1}},"thought_signature":"c2ln"}]},
                  {"role":"user","parts":[{"function_response":{"name":"f","response":{"result":"ok"}}}]}],
                 "tools":[{"function_declarations":[{"name":"f","parameters_json_schema":{"type":"object"}}]}],
                 "tool_config":{"function_calling_config":{"mode":"ANY","allowed_function_names":["f"]}},
                 "generation_config":{"max_output_tokens":10,"top_k":3,"stop_sequences":["x"],"response_mime_type":"application/json",
                   "thinking_config":{"thinking_budget":100,"include_thoughts":true}}}""";
        ChatRequest fromCamel = decode(camel);
        assertEquals(CanonicalJson.of(fromCamel), CanonicalJson.of(decode(snake)));
        assertEquals(ToolChoice.tool("f"), fromCamel.toolChoice());
        assertEquals(new ReasoningConfig(null, 100, true), fromCamel.reasoning());
        assertEquals(ResponseFormat.Kind.JSON_OBJECT, fromCamel.responseFormat().kind());
        assertNull(fromCamel.model());
    }

    @Test
    void functionCallsWithoutIdsGetDeterministicIdsThatTheirResponsesShareInOrder() {
        String body = """
                {"contents":[
                  {"role":"user","parts":[{"text":"weather in Paris and London?"}]},
                  {"role":"model","parts":[{"functionCall":{"name":"weather","args":{"city":"Paris"}}},
                                           {"functionCall":{"name":"weather","args":{"city":"London"}}},
                                           {"functionCall":{"name":"time","args":{}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"time","response":{"result":"noon"}}},
                                          {"functionResponse":{"name":"weather","response":{"result":"sunny"}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"weather","response":{"result":"rain"}}}]}]}""";
        ChatRequest r = decode(body);
        List<ContentPart> calls = r.messages().get(1).parts();
        List<ContentPart> results = r.messages().get(2).parts();
        assertEquals(3, r.messages().size(), "consecutive tool-result turns merge into one user message");
        assertEquals("call_weather_0", ((ContentPart.ToolCall) calls.get(0)).id());
        assertEquals("call_weather_1", ((ContentPart.ToolCall) calls.get(1)).id());
        assertEquals("call_time_2", ((ContentPart.ToolCall) calls.get(2)).id());
        assertEquals("call_time_2", ((ContentPart.ToolResult) results.get(0)).callId());
        assertEquals("call_weather_0", ((ContentPart.ToolResult) results.get(1)).callId());
        assertEquals("call_weather_1", ((ContentPart.ToolResult) results.get(2)).callId());
        assertEquals(CanonicalJson.of(r), CanonicalJson.of(decode(body)), "same history, same ids");
    }

    @Test
    void idsOfEarlierTurnsStayTheSameWhenTheConversationGrows() {
        String turn = "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"ls\",\"args\":{}}}]},"
                + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"ls\",\"response\":{}}}]}";
        ChatRequest shorter = decode("{\"contents\":[{\"parts\":[{\"text\":\"go\"}]}," + turn + "]}");
        ChatRequest longer = decode("{\"contents\":[{\"parts\":[{\"text\":\"go\"}]}," + turn + "," + turn + "]}");
        assertEquals(shorter.messages().get(1), longer.messages().get(1));
        assertEquals("call_ls_1", ((ContentPart.ToolCall) longer.messages().get(3).parts().get(0)).id());
        assertEquals("call_ls_1", ((ContentPart.ToolResult) longer.messages().get(4).parts().get(0)).callId());
    }

    @Test
    void explicitIdsAreKeptAndIdLessResponsesFindCallsThatHadIds() {
        ChatRequest r = decode("""
                {"contents":[{"role":"model","parts":[{"functionCall":{"id":"abc","name":"f","args":{}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"f","response":{}}}]}]}""");
        assertEquals("abc", ((ContentPart.ToolResult) r.messages().get(1).parts().get(0)).callId());
    }

    record ResponseCase(String response, String text, boolean isError) {
    }

    static Stream<ResponseCase> functionResponses() {
        return Stream.of(
                new ResponseCase("{\"result\":\"sunny\"}", "sunny", false),
                new ResponseCase("{\"output\":{\"a\":1}}", "{\"a\":1}", false),
                new ResponseCase("{\"content\":\"file body\"}", "file body", false),
                new ResponseCase("{\"error\":\"boom\"}", "boom", true),
                new ResponseCase("{\"error\":{\"code\":7}}", "{\"code\":7}", true),
                new ResponseCase("{\"temp\":15,\"unit\":\"C\"}", "{\"temp\":15,\"unit\":\"C\"}", false),
                new ResponseCase("{\"result\":\"x\",\"error\":\"y\"}", "{\"result\":\"x\",\"error\":\"y\"}", true),
                new ResponseCase("{}", "{}", false),
                new ResponseCase("null", "", false));
    }

    @ParameterizedTest
    @MethodSource("functionResponses")
    void functionResponseBecomesToolResultText(ResponseCase c) {
        ChatRequest r = decode("{\"contents\":[{\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":"
                + c.response() + "}}]}]}");
        ContentPart.ToolResult result = (ContentPart.ToolResult) r.messages().get(0).parts().get(0);
        assertEquals(c.text(), result.text());
        assertEquals(c.isError(), result.isError());
        assertEquals("f", result.name());
    }

    @Test
    void multimodalFunctionResponsePartsBecomeImagesOfTheResult() {
        ChatRequest r = decode("""
                {"contents":[{"parts":[{"functionResponse":{"name":"shot","response":{"result":"done"},
                  "parts":[{"inlineData":{"mimeType":"image/png","data":"iVBOR"}}]}}]}]}""");
        ContentPart.ToolResult result = (ContentPart.ToolResult) r.messages().get(0).parts().get(0);
        assertEquals(List.of(new ContentPart.Text("done"), ContentPart.Image.base64("image/png", "iVBOR")),
                result.content());
    }

    @Test
    void systemRoleTurnsAndPlainStringInstructionsGoToSystem() {
        ChatRequest r = decode("""
                {"systemInstruction":"first","contents":[{"parts":[{"text":"hi"}]},
                  {"role":"system","parts":[{"text":"second"}]},{"role":"model","parts":[{"text":"yo"}]}]}""");
        assertEquals(List.of(new ContentPart.Text("first"), new ContentPart.Text("second")), r.system());
        assertEquals(2, r.messages().size());
        assertEquals(Message.Role.ASSISTANT, r.messages().get(1).role());
    }

    @Test
    void thoughtPartsBecomeReasoningAndTaggedSignaturesRevealTheirOrigin() {
        ChatRequest r = decode("""
                {"contents":[{"parts":[{"text":"q"}]},{"role":"model","parts":[
                  {"text":"thinking...","thought":true,"thoughtSignature":"cpx1:claude:Q2xhdWRlU2ln"},
                  {"text":"answer"}]}]}""");
        assertEquals(new ContentPart.Reasoning("thinking...",
                        new Signature(WireFormat.CLAUDE_MESSAGES, "Q2xhdWRlU2ln"), null),
                r.messages().get(1).parts().get(0));
    }

    @Test
    void codeExecutionPartsReadAsFencedText() {
        ChatRequest r = decode("""
                {"contents":[{"parts":[{"text":"sum"}]},{"role":"model","parts":[
                  {"executableCode":{"language":"PYTHON","code":"print(1+1)"}},
                  {"codeExecutionResult":{"outcome":"OUTCOME_OK","output":"2"}}]}]}""");
        assertEquals(List.of(new ContentPart.Text("```python\nprint(1+1)\n```"),
                new ContentPart.Text("```output\n2\n```")), r.messages().get(1).parts());
    }

    @Test
    void numericStringsAreAcceptedLikeProtobufJsonDoes() {
        ChatRequest r = decode("""
                {"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"temperature":"0.5","maxOutputTokens":"64"}}""");
        assertEquals(0.5, r.sampling().temperature());
        assertEquals(64, r.sampling().maxOutputTokens());
    }

    record ModeCase(String config, ToolChoice expected) {
    }

    static Stream<ModeCase> toolModes() {
        return Stream.of(
                new ModeCase("{\"mode\":\"AUTO\"}", ToolChoice.AUTO),
                new ModeCase("{\"mode\":\"auto\"}", ToolChoice.AUTO),
                new ModeCase("{\"mode\":\"VALIDATED\"}", ToolChoice.AUTO),
                new ModeCase("{\"mode\":\"NONE\"}", ToolChoice.NONE),
                new ModeCase("{\"mode\":\"ANY\"}", ToolChoice.REQUIRED),
                new ModeCase("{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"a\",\"b\"]}", ToolChoice.REQUIRED),
                new ModeCase("{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"a\"]}", ToolChoice.tool("a")),
                new ModeCase("{\"mode\":\"MODE_UNSPECIFIED\"}", null),
                new ModeCase("{}", null));
    }

    @ParameterizedTest
    @MethodSource("toolModes")
    void functionCallingModesMapToToolChoice(ModeCase c) {
        ChatRequest r = decode("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],"
                + "\"toolConfig\":{\"functionCallingConfig\":" + c.config() + "}}");
        assertEquals(c.expected(), r.toolChoice());
    }

    @Test
    void anEnumSchemaAnsweredAsPlainTextIsNotAJsonFormat() {
        ChatRequest r = decode("""
                {"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"responseMimeType":"text/x.enum",
                  "responseSchema":{"type":"STRING","enum":["a","b"]}}}""");
        assertNull(r.responseFormat());
    }

    @Test
    void thinkingLevelAndIncludeThoughtsDecode() {
        ChatRequest r = decode("""
                {"contents":[{"parts":[{"text":"x"}]}],
                 "generationConfig":{"thinkingConfig":{"thinkingLevel":"high","includeThoughts":false}}}""");
        assertEquals(new ReasoningConfig(ReasoningConfig.Effort.HIGH, null, false), r.reasoning());
    }

    @Test
    void openApiParametersBecomeStandardJsonSchema() {
        ChatRequest r = decode("""
                {"contents":[{"parts":[{"text":"x"}]}],"tools":[{"functionDeclarations":[{"name":"f","parameters":
                  {"type":"OBJECT","properties":{"n":{"type":"NUMBER","nullable":true},
                   "k":{"type":"STRING","format":"enum","enum":["a","b"]}}}}]}]}""");
        assertEquals(Json.parse("""
                {"type":"object","properties":{"n":{"type":["number","null"]},"k":{"type":"string","enum":["a","b"]}}}"""
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), r.tools().get(0).parameters());
    }

    @Test
    void fileDataWithoutMimeTypeIsAnImageWhenTheExtensionSaysSo() {
        ChatRequest r = decode("""
                {"contents":[{"parts":[{"fileData":{"fileUri":"https://example.com/cat.PNG?x=1"}},
                  {"fileData":{"fileUri":"https://www.youtube.com/watch?v=9hE5-98ZeCg"}}]}]}""");
        assertInstanceOf(ContentPart.Image.class, r.messages().get(0).parts().get(0));
        assertInstanceOf(ContentPart.Document.class, r.messages().get(0).parts().get(1));
    }
}
