package dev.cliproxy.formats.claude;

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

class ClaudeRequestEncoderTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("claude");

    private final ClaudeCodec codec = new ClaudeCodec();

    private static ChatRequest request(List<ContentPart> system, List<Message> messages, List<ToolDefinition> tools,
                                       ToolChoice choice, Sampling sampling, ReasoningConfig reasoning,
                                       ResponseFormat format, Boolean parallel) {
        return new ChatRequest("claude-sonnet-4-5", system, messages, tools, choice, sampling, reasoning, format,
                false, false, parallel, null);
    }

    private static ChatRequest simple(Sampling sampling, ReasoningConfig reasoning, ToolChoice choice) {
        return request(List.of(), List.of(Message.text(Message.Role.USER, "Hi")), List.of(), choice, sampling,
                reasoning, null, null);
    }

    private JsonNode encode(ChatRequest r) {
        return Json.parse(codec.encodeRequest(r));
    }

    private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "Get the weather",
            Json.parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"
                    .getBytes(StandardCharsets.UTF_8)), true);

    @Test
    void openAiStyleRequestWithSamplingToolsAndJsonSchemaFormat() {
        Sampling sampling = new Sampling(0.7, 0.9, null, 512, List.of("END", " "), 0.5, 0.1, 42L);
        ResponseFormat format = new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "weather",
                WEATHER.parameters(), true);
        ChatRequest r = new ChatRequest("claude-sonnet-4-5", List.of(new ContentPart.Text("Be terse."),
                new ContentPart.Text("Use metric units.")),
                List.of(Message.text(Message.Role.USER, "Weather in Paris?")),
                List.of(WEATHER, new ToolDefinition("ping", null, null, null)), ToolChoice.REQUIRED, sampling,
                null, format, true, true, false, "user-123");
        GOLDEN.assertJson("encode-request-sampling-tools.expected.json", codec.encodeRequest(r));
    }

    @Test
    void foreignHistoryIsCleanedForClaude() {
        Signature claude = new Signature(WireFormat.CLAUDE_MESSAGES, "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxB");
        Signature gemini = new Signature(WireFormat.GEMINI, "CiQBVKhc7oTHCb2nxY");
        List<Message> messages = List.of(
                Message.text(Message.Role.USER, "Compare the weather in Paris and Rome."),
                new Message(Message.Role.ASSISTANT, List.of(
                        new ContentPart.Reasoning("Gemini's thought", gemini, null),
                        new ContentPart.Reasoning("GPT's thought", null, null),
                        new ContentPart.Reasoning("", new Signature(WireFormat.OPENAI_RESPONSES, "gAAAA"), "gAAAA"),
                        new ContentPart.Reasoning("Claude's thought", claude, null),
                        new ContentPart.Text(""),
                        new ContentPart.ToolCall("call.1", "get_weather", "{\"city\":\"Paris\"}", gemini),
                        new ContentPart.ToolCall("call:1", "get_weather", "{\"city\":", null),
                        new ContentPart.ToolCall(null, "get_weather", "[\"Rome\"]", null))),
                new Message(Message.Role.USER, List.of(new ContentPart.ToolResult("call.1", "get_weather",
                        List.of(new ContentPart.Text("18C")), false))),
                new Message(Message.Role.USER, List.of(new ContentPart.Text("Quickly please."),
                        new ContentPart.ToolResult("call:1", null, List.of(), true),
                        new ContentPart.ToolResult(null, null, List.of(new ContentPart.Text("21C"),
                                ContentPart.Image.fromUrl("data:image/png;base64,iVBORw0KGgo=")), false))),
                new Message(Message.Role.ASSISTANT, List.of(
                        new ContentPart.Reasoning("only foreign", gemini, null))),
                new Message(Message.Role.USER, List.of(
                        new ContentPart.Document("text/plain", "SGVsbG8gZG9jdW1lbnQ=", null, "notes.txt"),
                        new ContentPart.Document(null, null, "https://example.com/a.pdf", null))));
        ChatRequest r = request(List.of(), messages, List.of(WEATHER), null, Sampling.NONE, null, null, null);
        GOLDEN.assertJson("encode-request-foreign-history.expected.json", codec.encodeRequest(r));
    }

    private static List<Message> toolTurn(ContentPart... lead) {
        List<ContentPart> assistant = new java.util.ArrayList<>(List.of(lead));
        assistant.add(new ContentPart.ToolCall("call_1", "get_weather", "{\"city\":\"Rome\"}", null));
        return List.of(Message.text(Message.Role.USER, "Weather in Rome?"),
                new Message(Message.Role.ASSISTANT, assistant),
                new Message(Message.Role.USER, List.of(new ContentPart.ToolResult("call_1", "get_weather",
                        List.of(new ContentPart.Text("Sunny")), false))));
    }

    @Test
    void thinkingIsLeftOutWhenTheLastToolTurnHasNoSignedThinkingToLeadWith() {
        // an OpenAI Chat client with reasoning_effort that keeps only content and tool_calls: Anthropic answers 400
        // "a final assistant message must start with a thinking block" if thinking is on
        ChatRequest r = request(List.of(), toolTurn(new ContentPart.Reasoning("GPT's thought", null, null)),
                List.of(WEATHER), null, new Sampling(0.3, null, null, null, List.of(), null, null, null),
                ReasoningConfig.ofEffort(Effort.MEDIUM), null, null);
        JsonNode body = encode(r);
        assertFalse(body.has("thinking"), body.toString());
        assertEquals("tool_use", body.at("/messages/1/content/0/type").asText(), body.toString());
        assertEquals(0.3, body.get("temperature").asDouble(), "sampling as without thinking");
    }

    @Test
    void thinkingStaysWhenTheLastToolTurnStartsWithClaudesSignedThinking() {
        Signature claude = new Signature(WireFormat.CLAUDE_MESSAGES, "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxB");
        ChatRequest r = request(List.of(), toolTurn(new ContentPart.Reasoning("Claude's thought", claude, null)),
                List.of(WEATHER), null, Sampling.NONE, ReasoningConfig.ofEffort(Effort.MEDIUM), null, null);
        JsonNode body = encode(r);
        assertEquals("enabled", body.at("/thinking/type").asText(), body.toString());
        assertEquals("thinking", body.at("/messages/1/content/0/type").asText(), body.toString());
    }

    @Test
    void effortBecomesABudgetAndRemovesIncompatibleSampling() {
        Sampling sampling = new Sampling(0.2, 0.9, 5, 1000, List.of(), null, null, null);
        JsonNode body = encode(simple(sampling, ReasoningConfig.ofEffort(Effort.HIGH), ToolChoice.AUTO));
        assertEquals(Json.parse("{\"type\":\"enabled\",\"budget_tokens\":24576}".getBytes(StandardCharsets.UTF_8)),
                body.get("thinking"));
        assertEquals(24576 + ClaudeRequestEncoder.THINKING_HEADROOM, body.get("max_tokens").intValue());
        assertFalse(body.has("temperature"));
        assertFalse(body.has("top_k"));
        assertFalse(body.has("top_p"), "top_p below 0.95 is rejected with thinking");
    }

    @Test
    void highTopPIsKeptWithThinkingAndAClientMaxTokensAboveTheBudgetIsKept() {
        Sampling sampling = new Sampling(null, 0.97, null, 64000, List.of(), null, null, null);
        JsonNode body = encode(simple(sampling, ReasoningConfig.ofBudget(16000), null));
        assertEquals(16000, body.at("/thinking/budget_tokens").intValue());
        assertEquals(64000, body.get("max_tokens").intValue());
        assertEquals(0.97, body.get("top_p").doubleValue());
    }

    record BudgetCase(ReasoningConfig reasoning, ToolChoice choice, Integer expectedBudget) {
    }

    static Stream<BudgetCase> budgets() {
        return Stream.of(
                new BudgetCase(ReasoningConfig.ofEffort(Effort.AUTO), null, ClaudeThinking.AUTO_BUDGET),
                new BudgetCase(ReasoningConfig.ofBudget(-1), null, ClaudeThinking.AUTO_BUDGET),
                new BudgetCase(ReasoningConfig.ofEffort(Effort.MINIMAL), null, 1024),
                new BudgetCase(ReasoningConfig.ofEffort(Effort.LOW), null, 1024),
                new BudgetCase(ReasoningConfig.ofEffort(Effort.MEDIUM), null, 8192),
                new BudgetCase(ReasoningConfig.ofEffort(Effort.XHIGH), null, 32768),
                new BudgetCase(ReasoningConfig.ofBudget(100), null, 1024),
                new BudgetCase(ReasoningConfig.ofEffort(Effort.NONE), null, null),
                new BudgetCase(ReasoningConfig.ofBudget(0), null, null),
                new BudgetCase(new ReasoningConfig(null, null, true), null, null),
                new BudgetCase(null, null, null),
                new BudgetCase(ReasoningConfig.ofEffort(Effort.HIGH), ToolChoice.REQUIRED, null),
                new BudgetCase(ReasoningConfig.ofEffort(Effort.HIGH), ToolChoice.tool("get_weather"), null),
                new BudgetCase(ReasoningConfig.ofEffort(Effort.HIGH), ToolChoice.NONE, 24576));
    }

    @ParameterizedTest
    @MethodSource("budgets")
    void reasoningMapsToAThinkingBudget(BudgetCase c) {
        ChatRequest r = request(List.of(), List.of(Message.text(Message.Role.USER, "Hi")), List.of(WEATHER),
                c.choice(), Sampling.NONE, c.reasoning(), null, null);
        JsonNode body = encode(r);
        if (c.expectedBudget() == null) {
            assertFalse(body.has("thinking"), body::toString);
            assertEquals(ClaudeRequestEncoder.DEFAULT_MAX_TOKENS, body.get("max_tokens").intValue());
        } else {
            assertEquals(c.expectedBudget(), body.at("/thinking/budget_tokens").intValue());
            assertTrue(body.get("max_tokens").intValue() > c.expectedBudget());
        }
    }

    @Test
    void temperatureIsCappedAndTopPOnlySentWithoutTemperature() {
        JsonNode both = encode(simple(new Sampling(1.6, 0.5, null, null, List.of(), null, null, null), null, null));
        assertEquals(1.0, both.get("temperature").doubleValue());
        assertFalse(both.has("top_p"));
        JsonNode topP = encode(simple(new Sampling(null, 0.5, 3, null, List.of(), null, null, null), null, null));
        assertEquals(0.5, topP.get("top_p").doubleValue());
        assertEquals(3, topP.get("top_k").intValue());
    }

    @Test
    void toolChoiceVariantsAndParallelFlag() {
        ChatRequest named = request(List.of(), List.of(Message.text(Message.Role.USER, "Hi")), List.of(WEATHER),
                ToolChoice.tool("get_weather"), Sampling.NONE, null, null, false);
        assertEquals(Json.parse(("{\"type\":\"tool\",\"name\":\"get_weather\",\"disable_parallel_tool_use\":true}")
                .getBytes(StandardCharsets.UTF_8)), encode(named).get("tool_choice"));
        ChatRequest none = request(List.of(), List.of(Message.text(Message.Role.USER, "Hi")), List.of(WEATHER),
                ToolChoice.NONE, Sampling.NONE, null, null, false);
        assertEquals("{\"type\":\"none\"}", encode(none).get("tool_choice").toString());
        ChatRequest parallelOnly = request(List.of(), List.of(Message.text(Message.Role.USER, "Hi")),
                List.of(WEATHER), null, Sampling.NONE, null, null, false);
        assertEquals("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}",
                encode(parallelOnly).get("tool_choice").toString());
        ChatRequest noTools = request(List.of(), List.of(Message.text(Message.Role.USER, "Hi")), List.of(),
                ToolChoice.REQUIRED, Sampling.NONE, null, null, null);
        assertFalse(encode(noTools).has("tool_choice"), "tool_choice needs tools");
    }

    @Test
    void jsonObjectFormatAddsASystemInstruction() {
        ChatRequest r = request(List.of(), List.of(Message.text(Message.Role.USER, "List three colours")), List.of(),
                null, Sampling.NONE, null, new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null), null);
        JsonNode system = encode(r).get("system");
        assertEquals(1, system.size());
        assertTrue(system.get(0).get("text").textValue().startsWith("Respond only with a single valid JSON object"));
    }

    @Test
    void aSystemOnlyConversationBecomesAUserTurn() {
        ChatRequest r = request(List.of(new ContentPart.Text("Say hello.")), List.of(), List.of(), null,
                Sampling.NONE, null, null, null);
        JsonNode body = encode(r);
        assertFalse(body.has("system"));
        assertEquals("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Say hello.\"}]}]",
                body.get("messages").toString());
    }

    @Test
    void decodingTheEncodedRequestPreservesWhatClaudeCarries() {
        Signature claude = new Signature(WireFormat.CLAUDE_MESSAGES, "sig-1");
        ChatRequest original = new ChatRequest("claude-sonnet-4-5", List.of(new ContentPart.Text("System")),
                List.of(Message.text(Message.Role.USER, "Weather?"),
                        new Message(Message.Role.ASSISTANT, List.of(
                                new ContentPart.Reasoning("thinking", claude, null),
                                new ContentPart.Reasoning("", new Signature(WireFormat.CLAUDE_MESSAGES, "r"), "r"),
                                new ContentPart.Text("Checking."),
                                new ContentPart.ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}", null))),
                        new Message(Message.Role.USER, List.of(
                                new ContentPart.ToolResult("toolu_1", null, List.of(new ContentPart.Text("18C"),
                                        ContentPart.Image.base64("image/png", "iVBORw0KGgo=")), true),
                                ContentPart.Image.fromUrl("https://example.com/a.png"),
                                new ContentPart.Document("application/pdf", "JVBERi0x", null, "a.pdf")))),
                List.of(new ToolDefinition("get_weather", "Get the weather", WEATHER.parameters(), null)),
                ToolChoice.AUTO, new Sampling(null, 0.97, null, 30000, List.of("STOP"), null, null, null),
                new ReasoningConfig(null, 2048, true), null, true, true, false, "user-1");
        ChatRequest decoded = codec.decodeRequest(Json.parse(codec.encodeRequest(original)));
        assertEquals(original, decoded);
    }

    @Test
    void missingToolSchemaGetsAnEmptyObjectSchema() {
        ChatRequest r = request(List.of(), List.of(Message.text(Message.Role.USER, "Hi")),
                List.of(new ToolDefinition("noop", "", null, null)), null, Sampling.NONE, null, null, null);
        JsonNode tool = encode(r).get("tools").get(0);
        assertEquals("{\"type\":\"object\",\"properties\":{}}", tool.get("input_schema").toString());
        assertNull(tool.get("description"));
    }
}
