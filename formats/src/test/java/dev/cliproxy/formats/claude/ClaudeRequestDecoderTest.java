package dev.cliproxy.formats.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Message;
import dev.cliproxy.formats.ReasoningConfig.Effort;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClaudeRequestDecoderTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("claude");

    private final ClaudeCodec codec = new ClaudeCodec();

    private ChatRequest decode(String goldenName) {
        return codec.decodeRequest(GOLDEN.json(goldenName));
    }

    private ChatRequest decodeJson(String json) {
        return codec.decodeRequest(Json.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "multi-turn-system", "images", "documents", "tools", "tool-results",
            "thinking-tools", "count-tokens", "adaptive-effort"})
    void officialExampleRequestsTranslateToTheExpectedUpstreamBody(String name) {
        ChatRequest request = decode("request-" + name + ".json");
        GOLDEN.assertJson("request-" + name + ".expected.json", codec.encodeRequest(request));
    }

    @Test
    void systemBlocksSamplingMetadataAndStreamAreRead() {
        ChatRequest r = decode("request-multi-turn-system.json");
        assertEquals(List.of(new ContentPart.Text("You are a seasoned data scientist at a Fortune 500 company."),
                new ContentPart.Text("Answer briefly.")), r.system());
        assertEquals(3, r.messages().size());
        assertEquals(Message.text(Message.Role.ASSISTANT, "Hello!"), r.messages().get(1));
        assertEquals(0.5, r.sampling().temperature());
        assertEquals(40, r.sampling().topK());
        assertEquals(1024, r.sampling().maxOutputTokens());
        assertEquals(List.of("\n\nHuman:"), r.sampling().stop());
        assertEquals("13803d75-b4b5-4c3e-b2a2-6f21399b021b", r.user());
        assertTrue(r.stream());
        assertTrue(r.includeUsage(), "a Claude stream always carries usage");
    }

    @Test
    void systemMessagesInTheConversationAreHoistedIntoTheSystemInOrder() {
        // Claude Code (mid-conversation-system beta) sends these for models it does not know.
        ChatRequest r = decodeJson("""
                {"model":"gemini-2.5-flash","system":"Top.","max_tokens":64,"messages":[
                  {"role":"user","content":"Say hi"},
                  {"role":"system","content":"Agent types: ..."},
                  {"role":"assistant","content":"Hi"},
                  {"role":"system","content":[{"type":"text","text":"Reminder.","cache_control":{"type":"ephemeral"}}]},
                  {"role":"user","content":"Again"}]}
                """);
        assertEquals(List.of(new ContentPart.Text("Top."), new ContentPart.Text("Agent types: ..."),
                new ContentPart.Text("Reminder.")), r.system());
        assertEquals(List.of(Message.Role.USER, Message.Role.ASSISTANT, Message.Role.USER),
                r.messages().stream().map(Message::role).toList());
    }

    @Test
    void aThreadContinuationIsRefusedAsThreadNotFoundAndANewThreadIsServed() {
        // the Anthropic SDK's tool runner (message-threads beta) continues a thread by sending only the new turn
        FormatException e = assertThrows(FormatException.class, () -> decodeJson("""
                {"model":"m","max_tokens":64,"thread":{"type":"continue","previous_message_id":"msg_1"},
                 "messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ok"}]}]}
                """));
        assertEquals("thread_not_found", e.code());
        ChatRequest created = decodeJson("""
                {"model":"m","max_tokens":64,"thread":{"type":"create"},"messages":[{"role":"user","content":"Hi"}]}
                """);
        assertEquals(1, created.messages().size());
    }

    @Test
    void imagesDecodeAsBase64AndUrl() {
        List<ContentPart> parts = decode("request-images.json").messages().get(0).parts();
        ContentPart.Image inline = assertInstanceOf(ContentPart.Image.class, parts.get(1));
        assertEquals("image/jpeg", inline.mediaType());
        assertTrue(inline.data().startsWith("/9j/"));
        ContentPart.Image byUrl = assertInstanceOf(ContentPart.Image.class, parts.get(3));
        assertEquals("https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg",
                byUrl.url());
    }

    @Test
    void pdfDocumentsBecomeDocumentsAndPlainTextDocumentsBecomeText() {
        List<ContentPart> parts = decode("request-documents.json").messages().get(0).parts();
        ContentPart.Document url = assertInstanceOf(ContentPart.Document.class, parts.get(0));
        assertTrue(url.url().endsWith(".pdf"));
        assertEquals(new ContentPart.Document("application/pdf",
                "JVBERi0xLjcKCjEgMCBvYmogICUgZW50cnkgcG9pbnQKPDwKICAvVHlwZSAvQ2F0YWxvZwo+PgplbmRvYmoK", null,
                "Quarterly report"), parts.get(1));
        assertEquals(new ContentPart.Text("The grass is green. The sky is blue."), parts.get(2));
    }

    @Test
    void functionToolsAreKeptAndServerToolsIgnored() {
        ChatRequest r = decode("request-tools.json");
        assertEquals(List.of("get_weather", "get_time"), r.tools().stream().map(t -> t.name()).toList());
        assertEquals("object", r.tools().get(0).parameters().get("type").textValue());
        assertEquals(ToolChoice.AUTO, r.toolChoice());
        assertEquals(Boolean.FALSE, r.parallelToolCalls());
    }

    @Test
    void toolCallsAndResultsKeepTheirIdsAndErrors() {
        ChatRequest r = decode("request-tool-results.json");
        List<ContentPart> calls = r.messages().get(1).parts();
        assertEquals(new ContentPart.ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather",
                "{\"location\":\"San Francisco, CA\"}", null), calls.get(1));
        Message results = r.messages().get(2);
        assertEquals(Message.Role.USER, results.role());
        ContentPart.ToolResult first = assertInstanceOf(ContentPart.ToolResult.class, results.parts().get(0));
        assertEquals("toolu_01A09q90qw90lq917835lq9", first.callId());
        assertEquals("15 degrees", first.text());
        assertFalse(first.isError());
        ContentPart.ToolResult second = assertInstanceOf(ContentPart.ToolResult.class, results.parts().get(1));
        assertInstanceOf(ContentPart.Image.class, second.content().get(1));
        ContentPart.ToolResult third = assertInstanceOf(ContentPart.ToolResult.class, results.parts().get(2));
        assertTrue(third.isError());
        assertEquals(new ContentPart.Text("Please be brief."), results.parts().get(3));
    }

    @Test
    void thinkingBlocksKeepSignaturesByteExactAndTaggedOnesRevealTheirOrigin() {
        ChatRequest r = decode("request-thinking-tools.json");
        assertEquals(new ReasoningConfig(null, 10000, true), r.reasoning());
        List<ContentPart> parts = r.messages().get(1).parts();
        ContentPart.Reasoning thinking = assertInstanceOf(ContentPart.Reasoning.class, parts.get(0));
        assertEquals(new Signature(WireFormat.CLAUDE_MESSAGES,
                "BDaL4VrbR2Oj0hO4XpJxT28J5TILnCrrUXoKiiNBZW9P+nr8XSj1zuZzAl4egiCCpQNvfyUuFFJP5CncdYZEQPPmLxYsNrcs="),
                thinking.signature());
        ContentPart.Reasoning redacted = assertInstanceOf(ContentPart.Reasoning.class, parts.get(1));
        assertTrue(redacted.redacted().startsWith("EmwKAhgBEgy3"));
        assertEquals(WireFormat.CLAUDE_MESSAGES, redacted.signature().origin(), "redacted data is marked as Claude's");
        ContentPart.Reasoning foreign = assertInstanceOf(ContentPart.Reasoning.class, parts.get(2));
        assertEquals(new Signature(WireFormat.GEMINI, "CiQBVKhc7oTHCb2nxY"), foreign.signature());
    }

    @Test
    void anEmptyForeignThinkingBlockBeforeAToolUseBecomesTheToolCallSignature() {
        ChatRequest r = decodeJson("""
                {"model":"m","messages":[{"role":"assistant","content":[
                  {"type":"text","text":"Checking."},
                  {"type":"thinking","thinking":"","signature":"cpx1:gemini:sigA"},
                  {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}}]}]}""");
        assertEquals(List.of(new ContentPart.Text("Checking."), new ContentPart.ToolCall("call_1", "get_weather",
                "{\"city\":\"Paris\"}", new Signature(WireFormat.GEMINI, "sigA"))), r.messages().get(0).parts());
    }

    @Test
    void countTokensBodyWithoutMaxTokensIsAccepted() {
        ChatRequest r = decode("request-count-tokens.json");
        assertNull(r.sampling().maxOutputTokens());
        assertEquals("You are a scientist", r.systemText());
        assertEquals("claude-opus-4-1", r.model());
    }

    @Test
    void adaptiveThinkingTakesTheOutputConfigEffort() {
        ChatRequest r = decode("request-adaptive-effort.json");
        assertEquals(new ReasoningConfig(Effort.MEDIUM, null, true), r.reasoning());
        assertEquals(ToolChoice.REQUIRED, r.toolChoice());
    }

    record ThinkingCase(String json, ReasoningConfig expected) {
    }

    static Stream<ThinkingCase> thinkingCases() {
        return Stream.of(
                new ThinkingCase("\"thinking\":{\"type\":\"disabled\"}", new ReasoningConfig(Effort.NONE, null, false)),
                new ThinkingCase("\"thinking\":{\"type\":\"adaptive\"}", new ReasoningConfig(Effort.AUTO, null, true)),
                new ThinkingCase("\"thinking\":{\"type\":\"adaptive\",\"display\":\"omitted\"},"
                        + "\"output_config\":{\"effort\":\"max\"}", new ReasoningConfig(Effort.XHIGH, null, false)),
                new ThinkingCase("\"output_config\":{\"effort\":\"low\"}", ReasoningConfig.ofEffort(Effort.LOW)),
                new ThinkingCase("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}",
                        new ReasoningConfig(null, 2048, true)),
                new ThinkingCase("\"stream\":false", null));
    }

    @ParameterizedTest
    @MethodSource("thinkingCases")
    void thinkingConfigurationsMapToReasoningConfig(ThinkingCase c) {
        ChatRequest r = decodeJson("{\"model\":\"m\",\"messages\":[]," + c.json() + "}");
        assertEquals(c.expected(), r.reasoning());
    }

    @Test
    void toolChoiceVariantsAreRead() {
        assertEquals(ToolChoice.tool("get_weather"), decodeJson(
                "{\"messages\":[],\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\"}}").toolChoice());
        assertEquals(ToolChoice.NONE, decodeJson("{\"messages\":[],\"tool_choice\":{\"type\":\"none\"}}")
                .toolChoice());
        assertNull(decodeJson("{\"messages\":[],\"tool_choice\":{\"type\":\"any\"}}").parallelToolCalls());
    }

    @Test
    void outputConfigJsonSchemaBecomesAResponseFormat() {
        ChatRequest r = decodeJson("""
                {"messages":[],"output_config":{"format":{"type":"json_schema",
                  "schema":{"type":"object","properties":{"name":{"type":"string"}}}}}}""");
        assertEquals(ResponseFormat.Kind.JSON_SCHEMA, r.responseFormat().kind());
        assertEquals("object", r.responseFormat().schema().get("type").textValue());
    }

    @Test
    void serverToolBlocksInHistoryAreSkipped() {
        ChatRequest r = decodeJson("""
                {"messages":[{"role":"assistant","content":[
                  {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"q"}},
                  {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[]},
                  {"type":"text","text":"Found it."}]}]}""");
        assertEquals(List.of(new ContentPart.Text("Found it.")), r.messages().get(0).parts());
    }

    record Case(String name, String body, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> malformed() {
        return Stream.of(
                new Case("not an object", "[]", "JSON object"),
                new Case("messages missing", "{\"model\":\"m\"}", "messages"),
                new Case("messages not an array", "{\"messages\":{}}", "messages"),
                new Case("message not an object", "{\"messages\":[\"hi\"]}", "messages[0]"),
                new Case("unknown role", "{\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "role"),
                new Case("content missing", "{\"messages\":[{\"role\":\"user\"}]}", "content"),
                new Case("content a number", "{\"messages\":[{\"role\":\"user\",\"content\":5}]}", "content"),
                new Case("block without type", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}",
                        "type"),
                new Case("unknown block type",
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"audio\",\"data\":\"x\"}]}]}",
                        "audio"),
                new Case("text not a string",
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":1}]}]}", "text"),
                new Case("image file source", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
                        + "\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}]}]}", "file"),
                new Case("image without source",
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\"}]}]}", "source"),
                new Case("tool_use without name", "{\"messages\":[{\"role\":\"assistant\",\"content\":["
                        + "{\"type\":\"tool_use\",\"id\":\"t\",\"input\":{}}]}]}", "name"),
                new Case("tool_result without id", "{\"messages\":[{\"role\":\"user\",\"content\":["
                        + "{\"type\":\"tool_result\",\"content\":\"x\"}]}]}", "tool_use_id"),
                new Case("system a number", "{\"messages\":[],\"system\":3}", "system"),
                new Case("system image block", "{\"messages\":[],\"system\":[{\"type\":\"image\"}]}", "system[0]"),
                new Case("max_tokens a string", "{\"messages\":[],\"max_tokens\":\"many\"}", "max_tokens"),
                new Case("temperature a string", "{\"messages\":[],\"temperature\":\"hot\"}", "temperature"),
                new Case("stop_sequences a string", "{\"messages\":[],\"stop_sequences\":\"x\"}", "stop_sequences"),
                new Case("stop sequence a number", "{\"messages\":[],\"stop_sequences\":[1]}", "stop_sequences[0]"),
                new Case("tools not an array", "{\"messages\":[],\"tools\":{}}", "tools"),
                new Case("tool without name", "{\"messages\":[],\"tools\":[{\"input_schema\":{}}]}", "name"),
                new Case("unknown tool_choice", "{\"messages\":[],\"tool_choice\":{\"type\":\"some\"}}", "tool_choice"),
                new Case("tool_choice tool without name", "{\"messages\":[],\"tool_choice\":{\"type\":\"tool\"}}",
                        "name"),
                new Case("unknown thinking type", "{\"messages\":[],\"thinking\":{\"type\":\"on\"}}", "thinking"),
                new Case("enabled thinking without budget", "{\"messages\":[],\"thinking\":{\"type\":\"enabled\"}}",
                        "budget_tokens"),
                new Case("unknown effort", "{\"messages\":[],\"output_config\":{\"effort\":\"extreme\"}}", "effort"),
                new Case("stream a string", "{\"messages\":[],\"stream\":\"yes\"}", "stream"),
                new Case("model a number", "{\"messages\":[],\"model\":4}", "model"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedRequestsAreRejectedWithAClearMessage(Case c) {
        FormatException e = assertThrows(FormatException.class, () -> decodeJson(c.body()));
        assertTrue(e.getMessage().contains(c.messagePart()), () -> "message was: " + e.getMessage());
    }
}
