package dev.cliproxy.formats.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Message;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Sampling;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.ToolChoice;
import dev.cliproxy.formats.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesRequestDecodeTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("responses");

    private final ResponsesCodec codec = new ResponsesCodec();

    private ChatRequest decodeGolden(String name) {
        return codec.decodeRequest(GOLDEN.json(name));
    }

    private ChatRequest decode(String json) {
        return codec.decodeRequest(Json.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void stringInputIsOneUserMessage() {
        ChatRequest r = decodeGolden("request-text.json");
        assertEquals(new ChatRequest("gpt-4.1", List.of(),
                List.of(Message.text(Message.Role.USER, "Tell me a three sentence bedtime story about a unicorn.")),
                List.of(), null, Sampling.NONE, null, null, false, true, null, null), r);
    }

    @Test
    void imageByUrl() {
        ChatRequest r = decodeGolden("request-image-url.json");
        assertEquals(List.of(new Message(Message.Role.USER, List.of(
                new ContentPart.Text("what is in this image?"),
                ContentPart.Image.fromUrl("https://upload.wikimedia.org/wikipedia/commons/thumb/d/dd/"
                        + "Gfp-wisconsin-madison-the-nature-boardwalk.jpg/2560px-Gfp-wisconsin-madison-the-nature-"
                        + "boardwalk.jpg")))), r.messages());
    }

    @Test
    void base64ImageAndFilesByDataAndUrl() {
        ChatRequest r = decodeGolden("request-image-base64-and-files.json");
        assertEquals(List.of(new Message(Message.Role.USER, List.of(
                new ContentPart.Text("Compare the chart with the two letters."),
                ContentPart.Image.base64("image/jpeg", "/9j/4AAQSkZJRgABAQ=="),
                new ContentPart.Document("application/pdf", "JVBERi0xLjcK", null, "draconomicon.pdf"),
                new ContentPart.Document("application/pdf", null,
                        "https://www.berkshirehathaway.com/letters/2024ltr.pdf", null)))), r.messages());
    }

    @Test
    void functionToolsAndChoiceWhileBuiltInToolsAreIgnored() {
        ChatRequest r = decodeGolden("request-functions.json");
        JsonNode params = GOLDEN.json("request-functions.json").get("tools").get(0).get("parameters");
        assertEquals(List.of(new ToolDefinition("get_current_weather", "Get the current weather in a given location",
                params, null)), r.tools());
        assertEquals(ToolChoice.AUTO, r.toolChoice());
    }

    @Test
    void reasoningEffort() {
        ChatRequest r = decodeGolden("request-reasoning.json");
        assertEquals(new ReasoningConfig(ReasoningConfig.Effort.HIGH, null, null), r.reasoning());
    }

    @Test
    void structuredOutputSamplingAndFlags() {
        ChatRequest r = decodeGolden("request-structured-output.json");
        JsonNode schema = GOLDEN.json("request-structured-output.json").get("text").get("format").get("schema");
        assertEquals(List.of(new ContentPart.Text("Extract the event information.")), r.system());
        assertEquals(List.of(Message.text(Message.Role.USER, "Alice and Bob are going to a science fair on Friday.")),
                r.messages());
        assertEquals(new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "calendar_event", schema, true),
                r.responseFormat());
        assertEquals(new Sampling(0.2, 0.9, null, 512, null, null, null, null), r.sampling());
        assertEquals("user-1234", r.user());
        assertEquals(Boolean.FALSE, r.parallelToolCalls());
        assertTrue(r.stream());
    }

    @Test
    void codexConversationKeepsTurnsCallIdsAndSignatures() {
        ChatRequest r = decodeGolden("request-codex-multiturn.json");
        assertEquals(List.of(new ContentPart.Text("You are Codex, a coding agent."),
                new ContentPart.Text("<permissions instructions>sandbox: workspace-write</permissions instructions>")),
                r.system());
        assertEquals(List.of(
                Message.text(Message.Role.USER, "Fix the failing test in calc.py"),
                new Message(Message.Role.ASSISTANT, List.of(
                        new ContentPart.Reasoning("**Inspecting the test**\n\n**Planning the fix**",
                                new Signature(WireFormat.OPENAI_RESPONSES, "gAAAAABpF-opaque-blob=="), null),
                        new ContentPart.Text("Let me look at both files."),
                        new ContentPart.ToolCall("call_A1", "shell", "{\"command\":[\"cat\",\"calc.py\"]}", null),
                        new ContentPart.ToolCall("call_A2", "shell", "{\"command\":[\"cat\",\"test_calc.py\"]}",
                                null))),
                new Message(Message.Role.USER, List.of(
                        new ContentPart.ToolResult("call_A1", null,
                                List.of(new ContentPart.Text("def add(a, b):\n    return a - b\n")), false),
                        new ContentPart.ToolResult("call_A2", null, List.of(
                                new ContentPart.Text("assert add(1, 2) == 3"),
                                ContentPart.Image.base64("image/png", "iVBORw0KGgo=")), false))),
                new Message(Message.Role.ASSISTANT, List.of(new ContentPart.ToolCall("call_P1", "apply_patch",
                        "{\"input\":\"*** Begin Patch\\n*** Update File: calc.py\\n-    return a - b\\n"
                                + "+    return a + b\\n*** End Patch\"}", null))),
                new Message(Message.Role.USER, List.of(new ContentPart.ToolResult("call_P1", null,
                        List.of(new ContentPart.Text("Success. Updated calc.py")), false))),
                Message.text(Message.Role.USER, "Thanks, now run the tests.")), r.messages());
        assertEquals(List.of("shell", "apply_patch"), r.tools().stream().map(ToolDefinition::name).toList());
        assertEquals(Boolean.FALSE, r.tools().get(0).strict());
        assertEquals("string", r.tools().get(1).parameters().at("/properties/input/type").textValue());
        assertEquals(new ReasoningConfig(ReasoningConfig.Effort.MEDIUM, null, true), r.reasoning());
        assertEquals(Boolean.TRUE, r.parallelToolCalls());
        assertNull(r.responseFormat());
        assertTrue(r.stream());
    }

    @Test
    void taggedSignatureSentBackByTheClientRevealsItsOrigin() {
        ChatRequest r = decode("""
                {"model":"m","input":[
                  {"type":"reasoning","summary":[],"encrypted_content":"cpx1:claude:EqQBCkYIBBgC"},
                  {"type":"reasoning","summary":[{"type":"summary_text","text":"t"}]},
                  {"type":"reasoning","summary":[]}
                ]}""");
        assertEquals(List.of(new Message(Message.Role.ASSISTANT, List.of(
                new ContentPart.Reasoning("", new Signature(WireFormat.CLAUDE_MESSAGES, "EqQBCkYIBBgC"), null),
                new ContentPart.Reasoning("t", null, null)))), r.messages());
    }

    @Test
    void midConversationSystemMessagesAreHoistedInOrder() {
        ChatRequest r = decode("""
                {"model":"m","instructions":"first","input":[
                  {"role":"user","content":"hi"},
                  {"role":"developer","content":[{"type":"input_text","text":"second"}]},
                  {"role":"assistant","content":"hello"},
                  {"role":"system","content":"third"}
                ]}""");
        assertEquals(List.of(new ContentPart.Text("first"), new ContentPart.Text("second"),
                new ContentPart.Text("third")), r.system());
        assertEquals(List.of(Message.text(Message.Role.USER, "hi"), Message.text(Message.Role.ASSISTANT, "hello")),
                r.messages());
    }

    @Test
    void legacyFailedOutputObjectIsAnErrorResult() {
        ChatRequest r = decode("""
                {"model":"m","input":[{"type":"function_call_output","call_id":"c1",
                  "output":{"content":"exit code 1","success":false}}]}""");
        assertEquals(List.of(new Message(Message.Role.USER, List.of(new ContentPart.ToolResult("c1", null,
                List.of(new ContentPart.Text("exit code 1")), true)))), r.messages());
    }

    @Test
    void refusalAndObjectArgumentsAreTolerated() {
        ChatRequest r = decode("""
                {"model":"m","input":[
                  {"type":"message","role":"assistant","content":[{"type":"refusal","refusal":"No."}]},
                  {"type":"function_call","call_id":"c","name":"f","arguments":{"a":1}}
                ]}""");
        assertEquals(List.of(new Message(Message.Role.ASSISTANT, List.of(new ContentPart.Text("No."),
                new ContentPart.ToolCall("c", "f", "{\"a\":1}", null)))), r.messages());
    }

    @Test
    void toolChoiceForms() {
        assertEquals(ToolChoice.NONE, decode("{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":\"none\"}")
                .toolChoice());
        assertEquals(ToolChoice.REQUIRED, decode("{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":\"required\"}")
                .toolChoice());
        assertEquals(ToolChoice.tool("f"), decode(
                "{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":{\"type\":\"function\",\"name\":\"f\"}}")
                .toolChoice());
        assertEquals(ToolChoice.REQUIRED, decode("{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":"
                + "{\"type\":\"allowed_tools\",\"mode\":\"required\",\"tools\":[]}}").toolChoice());
        assertNull(decode("{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":{\"type\":\"web_search_preview\"}}")
                .toolChoice());
    }

    @Test
    void reasoningSummaryMeansThoughtsAreWanted() {
        assertEquals(new ReasoningConfig(null, null, true),
                decode("{\"model\":\"m\",\"input\":\"x\",\"reasoning\":{\"summary\":\"detailed\"}}").reasoning());
        assertEquals(new ReasoningConfig(ReasoningConfig.Effort.XHIGH, null, true), decode(
                "{\"model\":\"m\",\"input\":\"x\",\"reasoning\":{\"effort\":\"xhigh\",\"generate_summary\":\"auto\"}}")
                .reasoning());
        assertNull(decode("{\"model\":\"m\",\"input\":\"x\",\"reasoning\":{}}").reasoning());
    }

    @Test
    void previousResponseIdIsIgnoredAndTextFormatTextMeansPlainText() {
        ChatRequest r = decode("""
                {"model":"m","input":"x","previous_response_id":"resp_1","text":{"format":{"type":"text"}},
                 "safety_identifier":"hashed-user"}""");
        assertNull(r.responseFormat());
        assertEquals("hashed-user", r.user());
        assertFalse(r.stream());
    }
}
