package dev.cliproxy.formats.openai;

import static dev.cliproxy.formats.openai.OpenAiFixtures.CODEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiRequestEncoderTest {

    private static final Signature CLAUDE_SIG = new Signature(WireFormat.CLAUDE_MESSAGES, "EqQBCkYIBxgCKkB+/==");
    private static final Signature GEMINI_SIG = new Signature(WireFormat.GEMINI, "CiQB0e2Kb+/=");
    private static final Signature OWN_SIG = new Signature(WireFormat.OPENAI_CHAT, "b3du/+sig==");

    private static ChatRequest request(List<ContentPart> system, List<Message> messages) {
        return new ChatRequest("gpt-x", system, messages, List.of(), null, Sampling.NONE, null, null, false, false,
                null, null);
    }

    private static JsonNode encode(ChatRequest r) {
        return Json.parse(CODEC.encodeRequest(r));
    }

    private static Message assistant(ContentPart... parts) {
        return new Message(Message.Role.ASSISTANT, List.of(parts));
    }

    @Test
    void reasoningWithAForeignSignatureIsDroppedAndForeignToolCallSignaturesToo() {
        JsonNode body = encode(request(List.of(), List.of(Message.text(Message.Role.USER, "q"), assistant(
                new ContentPart.Reasoning("claude thinking", CLAUDE_SIG, null),
                new ContentPart.Text("answer"),
                new ContentPart.ToolCall("c1", "f", "{}", GEMINI_SIG)))));
        JsonNode msg = body.get("messages").get(1);
        assertNull(msg.get("reasoning_content"));
        assertNull(msg.get("reasoning_details"));
        assertEquals("answer", msg.get("content").textValue());
        assertEquals("c1", msg.get("tool_calls").get(0).get("id").textValue());
        assertNull(msg.get("tool_calls").get(0).get("extra_content"));
    }

    @Test
    void ownSignaturesAreSentRawAndByteExact() {
        JsonNode body = encode(request(List.of(), List.of(Message.text(Message.Role.USER, "q"), assistant(
                new ContentPart.Reasoning("mine", OWN_SIG, null),
                new ContentPart.ToolCall("c1", "f", "{\"a\":1}", OWN_SIG)))));
        JsonNode msg = body.get("messages").get(1);
        assertEquals("mine", msg.get("reasoning_content").textValue());
        JsonNode detail = msg.get("reasoning_details").get(0);
        assertEquals("reasoning.text", detail.get("type").textValue());
        assertEquals("b3du/+sig==", detail.get("signature").textValue());
        assertEquals("b3du/+sig==",
                msg.at("/tool_calls/0/extra_content/google/thought_signature").textValue());
        assertTrue(msg.get("content").isNull(), "content is null beside tool calls");
    }

    @Test
    void unsignedReasoningGoesAsReasoningContentOnlyAndRedactedIsDropped() {
        JsonNode body = encode(request(List.of(), List.of(Message.text(Message.Role.USER, "q"), assistant(
                new ContentPart.Reasoning("", null, "b3BhcXVl"),
                new ContentPart.Reasoning("plain", null, null),
                new ContentPart.Text("a")))));
        JsonNode msg = body.get("messages").get(1);
        assertEquals("plain", msg.get("reasoning_content").textValue());
        assertNull(msg.get("reasoning_details"));
    }

    @Test
    void assistantTurnWithOnlyForeignReasoningIsLeftOut() {
        JsonNode body = encode(request(List.of(), List.of(Message.text(Message.Role.USER, "q"),
                assistant(new ContentPart.Reasoning("t", CLAUDE_SIG, null)), Message.text(Message.Role.USER, "r"))));
        assertEquals(2, body.get("messages").size());
    }

    @Test
    void eachToolResultIsAToolMessageAndResultImagesFollowInAUserMessage() {
        var image = ContentPart.Image.base64("image/png", "iVBO");
        Message results = new Message(Message.Role.USER, List.of(
                new ContentPart.ToolResult("c1", "screenshot", List.of(new ContentPart.Text("see image"), image), false),
                new ContentPart.ToolResult("c2", "f", List.of(new ContentPart.Text("boom")), true),
                new ContentPart.Text("and now?")));
        Message calls = new Message(Message.Role.ASSISTANT, List.of(
                new ContentPart.ToolCall("c1", "screenshot", "{}", null), new ContentPart.ToolCall("c2", "f", "{}", null)));
        JsonNode messages = encode(request(List.of(), List.of(calls, results))).get("messages");
        assertEquals(4, messages.size());
        assertEquals(Json.parse("""
                {"role":"tool","tool_call_id":"c1","content":"see image"}""".getBytes()), messages.get(1));
        assertEquals(Json.parse("""
                {"role":"tool","tool_call_id":"c2","content":"boom"}""".getBytes()), messages.get(2));
        assertEquals(Json.parse("""
                {"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBO"}},
                 {"type":"text","text":"and now?"}]}""".getBytes()), messages.get(3));
    }

    @Test
    void documentsBecomeFilePartsOrATextPointerForUrls() {
        Message m = new Message(Message.Role.USER, List.of(
                new ContentPart.Document("application/pdf", "JVBE", null, null),
                new ContentPart.Document("application/pdf", null, "https://example.com/a.pdf", "a.pdf")));
        JsonNode content = encode(request(List.of(), List.of(m))).at("/messages/0/content");
        assertEquals(Json.parse("""
                [{"type":"file","file":{"filename":"document.pdf","file_data":"data:application/pdf;base64,JVBE"}},
                 {"type":"text","text":"[document: https://example.com/a.pdf]"}]""".getBytes()), content);
    }

    @Test
    void systemPartsBecomeOneSystemMessage() {
        JsonNode messages = encode(request(List.of(new ContentPart.Text("A"), new ContentPart.Text("B")),
                List.of(Message.text(Message.Role.USER, "q")))).get("messages");
        assertEquals("system", messages.get(0).get("role").textValue());
        assertEquals("A\n\nB", messages.get(0).get("content").textValue());
    }

    @ParameterizedTest
    @CsvSource({"NONE,none", "MINIMAL,minimal", "LOW,low", "MEDIUM,medium", "HIGH,high", "XHIGH,xhigh", "AUTO,"})
    void effortMapsToTheDocumentedReasoningEffortValues(Effort effort, String wire) {
        ChatRequest r = request(List.of(), List.of(Message.text(Message.Role.USER, "q")));
        r = new ChatRequest(r.model(), r.system(), r.messages(), r.tools(), null, Sampling.NONE,
                ReasoningConfig.ofEffort(effort), null, false, false, null, null);
        JsonNode value = encode(r).get("reasoning_effort");
        if (wire == null) {
            assertNull(value, "auto has no wire value");
        } else {
            assertEquals(wire, value.textValue());
        }
    }

    @Test
    void budgetOnlyReasoningIsConvertedToALevel() {
        ChatRequest r = new ChatRequest("m", List.of(), List.of(Message.text(Message.Role.USER, "q")), List.of(),
                null, Sampling.NONE, ReasoningConfig.ofBudget(4000), null, false, false, null, null);
        assertEquals("medium", encode(r).get("reasoning_effort").textValue());
    }

    @Test
    void toolChoiceAndParallelFlagAreOmittedWithoutTools() {
        ChatRequest r = new ChatRequest("m", List.of(), List.of(Message.text(Message.Role.USER, "q")), List.of(),
                ToolChoice.REQUIRED, Sampling.NONE, null, null, false, false, true, null);
        JsonNode body = encode(r);
        assertFalse(body.has("tool_choice"));
        assertFalse(body.has("parallel_tool_calls"));
        assertFalse(body.has("tools"));
    }

    @Test
    void toolsWithoutParametersGetAnEmptyObjectSchemaAndForcedToolIsAnObject() {
        ChatRequest r = new ChatRequest("m", List.of(), List.of(Message.text(Message.Role.USER, "q")),
                List.of(new ToolDefinition("ping", "", null, null)), ToolChoice.tool("ping"), Sampling.NONE, null,
                new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, null, null, null), false, false, null, null);
        JsonNode body = encode(r);
        assertEquals(Json.parse("""
                [{"type":"function","function":{"name":"ping","parameters":{"type":"object","properties":{}}}}]"""
                .getBytes()), body.get("tools"));
        assertEquals(Json.parse("""
                {"type":"function","function":{"name":"ping"}}""".getBytes()), body.get("tool_choice"));
        assertEquals(Json.parse("""
                {"type":"json_schema","json_schema":{"name":"response"}}""".getBytes()), body.get("response_format"));
    }

    @Test
    void streamingRequestsAskForUsage() {
        ChatRequest r = request(List.of(), List.of(Message.text(Message.Role.USER, "q"))).withStream(true);
        JsonNode body = encode(r);
        assertTrue(body.get("stream").booleanValue());
        assertTrue(body.at("/stream_options/include_usage").booleanValue());
    }
}
