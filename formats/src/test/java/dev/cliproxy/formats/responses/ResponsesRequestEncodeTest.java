package dev.cliproxy.formats.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResponsesRequestEncodeTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("responses");

    private static final JsonNode WEATHER_SCHEMA = Json.parse("""
            {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""
            .getBytes(StandardCharsets.UTF_8));

    private final ResponsesCodec codec = new ResponsesCodec();

    /** A request touching every field, as another format's client would produce it. */
    static ChatRequest fullRequest() {
        return new ChatRequest("gpt-5-codex",
                List.of(new ContentPart.Text("You are terse."), new ContentPart.Text("Answer in French.")),
                List.of(
                        new Message(Message.Role.USER, List.of(
                                new ContentPart.Text("Weather in Paris and Rome? See the map and the report."),
                                ContentPart.Image.base64("image/png", "iVBORw0KGgo="),
                                ContentPart.Image.fromUrl("https://example.com/map.jpg"),
                                new ContentPart.Document("application/pdf", "JVBERi0xLjcK", null, "report.pdf"))),
                        new Message(Message.Role.ASSISTANT, List.of(
                                new ContentPart.Reasoning("I should call the tool twice.",
                                        new Signature(WireFormat.OPENAI_RESPONSES, "gAAAAABo-own"), null),
                                new ContentPart.Text("Checking both cities."),
                                new ContentPart.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}", null),
                                new ContentPart.ToolCall("call_2", "get_weather", "{\"city\":\"Rome\"}",
                                        new Signature(WireFormat.GEMINI, "gemini-sig")))),
                        new Message(Message.Role.USER, List.of(
                                new ContentPart.ToolResult("call_1", null, List.of(new ContentPart.Text("18C")), false),
                                new ContentPart.ToolResult("call_2", null, List.of(
                                        new ContentPart.Text("radar unavailable"),
                                        ContentPart.Image.base64("image/png", "R0lGOD==")), true))),
                        new Message(Message.Role.ASSISTANT, List.of(
                                new ContentPart.Reasoning("Claude thinking", new Signature(WireFormat.CLAUDE_MESSAGES,
                                        "EqQBCkYIBBgC"), null),
                                new ContentPart.Reasoning("no signature at all", null, null),
                                new ContentPart.Text("Paris: 18C."))),
                        Message.text(Message.Role.USER, "Thanks!")),
                List.of(new ToolDefinition("get_weather", "Current weather for a city", WEATHER_SCHEMA, null),
                        new ToolDefinition("now", "", null, true)),
                ToolChoice.tool("get_weather"),
                new Sampling(0.2, 0.9, 40, 1000, List.of("END"), 0.5, 0.5, 7L),
                new ReasoningConfig(ReasoningConfig.Effort.HIGH, null, true),
                new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "weather", WEATHER_SCHEMA, true),
                true, true, false, "user-42");
    }

    private JsonNode encode(ChatRequest r) {
        return Json.parse(codec.encodeRequest(r));
    }

    @Test
    void everyFieldIsWrittenAsTheResponsesApiExpects() {
        GOLDEN.assertJson("encode-request-full.json", codec.encodeRequest(fullRequest()));
    }

    @Test
    void foreignAndUnsignedReasoningNeverReachesTheUpstream() {
        String body = new String(codec.encodeRequest(fullRequest()), StandardCharsets.UTF_8);
        assertFalse(body.contains("EqQBCkYIBBgC"));
        assertFalse(body.contains("Claude thinking"));
        assertFalse(body.contains("no signature at all"));
        assertFalse(body.contains("gemini-sig"));
        assertTrue(body.contains("\"encrypted_content\":\"gAAAAABo-own\""));
    }

    @Test
    void minimalRequestHasEmptyInstructionsAndIsStateless() {
        JsonNode body = encode(new ChatRequest("gpt-5", List.of(), List.of(Message.text(Message.Role.USER, "hi")),
                List.of(), null, Sampling.NONE, null, null, false, false, null, null));
        GOLDEN.assertJson("encode-request-minimal.json", Json.write(body));
    }

    @Test
    void systemStartingWithAnImageLeavesInstructionsEmpty() {
        JsonNode body = encode(new ChatRequest("m", List.of(ContentPart.Image.fromUrl("https://x/y.png"),
                new ContentPart.Text("rule")), List.of(), List.of(), null, Sampling.NONE, null, null, false, false,
                null, null));
        assertEquals("", body.get("instructions").textValue());
        assertEquals("developer", body.at("/input/0/role").textValue());
        assertEquals("input_image", body.at("/input/0/content/0/type").textValue());
        assertEquals("rule", body.at("/input/0/content/1/text").textValue());
    }

    record ReasoningCase(String name, ReasoningConfig config, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ReasoningCase> reasoningCases() {
        return Stream.of(
                new ReasoningCase("effort", ReasoningConfig.ofEffort(ReasoningConfig.Effort.LOW),
                        "{\"effort\":\"low\",\"summary\":\"auto\"}"),
                new ReasoningCase("budget maps to its level", ReasoningConfig.ofBudget(3000),
                        "{\"effort\":\"medium\",\"summary\":\"auto\"}"),
                new ReasoningCase("large budget", ReasoningConfig.ofBudget(100000),
                        "{\"effort\":\"xhigh\",\"summary\":\"auto\"}"),
                new ReasoningCase("dynamic budget keeps the default level", ReasoningConfig.ofBudget(-1),
                        "{\"summary\":\"auto\"}"),
                new ReasoningCase("off", ReasoningConfig.ofBudget(0), "{\"effort\":\"none\"}"),
                new ReasoningCase("thoughts declined",
                        new ReasoningConfig(ReasoningConfig.Effort.MINIMAL, null, false), "{\"effort\":\"minimal\"}"),
                new ReasoningCase("unspecified", null, null));
    }

    @ParameterizedTest
    @MethodSource("reasoningCases")
    void reasoningConfigBecomesEffortAndSummary(ReasoningCase c) {
        JsonNode body = encode(new ChatRequest("m", List.of(), List.of(), List.of(), null, Sampling.NONE,
                c.config(), null, false, false, null, null));
        if (c.expected() == null) {
            assertFalse(body.has("reasoning"));
        } else {
            assertEquals(Json.parse(c.expected().getBytes(StandardCharsets.UTF_8)), body.get("reasoning"));
        }
    }

    @Test
    void toolChoiceModes() {
        for (ToolChoice choice : List.of(ToolChoice.AUTO, ToolChoice.NONE, ToolChoice.REQUIRED)) {
            JsonNode body = encode(new ChatRequest("m", List.of(), List.of(), List.of(), choice, Sampling.NONE, null,
                    null, false, false, null, null));
            assertEquals(choice.mode().name().toLowerCase(java.util.Locale.ROOT), body.get("tool_choice").textValue());
        }
    }

    @Test
    void jsonObjectFormat() {
        JsonNode body = encode(new ChatRequest("m", List.of(), List.of(), List.of(), null, Sampling.NONE, null,
                new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null), false, false, null, null));
        assertEquals("json_object", body.at("/text/format/type").textValue());
    }

    @Test
    void roundTripKeepsWhatTheFormatCarries() {
        ChatRequest r = new ChatRequest("gpt-5",
                List.of(new ContentPart.Text("sys one"), new ContentPart.Text("sys two")),
                List.of(
                        new Message(Message.Role.USER, List.of(new ContentPart.Text("look"),
                                ContentPart.Image.base64("image/png", "iVBORw0KGgo="),
                                ContentPart.Image.fromUrl("https://example.com/a.png"),
                                new ContentPart.Document("application/pdf", "JVBERi0=", null, "a.pdf"),
                                new ContentPart.Document("application/pdf", null, "https://example.com/b.pdf",
                                        null))),
                        new Message(Message.Role.ASSISTANT, List.of(
                                new ContentPart.Reasoning("plan", new Signature(WireFormat.OPENAI_RESPONSES, "enc"),
                                        null),
                                new ContentPart.Reasoning("", new Signature(WireFormat.OPENAI_RESPONSES, "enc2"),
                                        null),
                                new ContentPart.Text("calling"), new ContentPart.Text("twice"),
                                new ContentPart.ToolCall("c1", "f", "{\"a\":1}", null),
                                new ContentPart.ToolCall("c2", "f", "{}", null))),
                        new Message(Message.Role.USER, List.of(
                                new ContentPart.ToolResult("c1", null, List.of(new ContentPart.Text("one")), false),
                                new ContentPart.ToolResult("c2", null, List.of(new ContentPart.Text("two"),
                                        ContentPart.Image.base64("image/jpeg", "/9j/")), false))),
                        Message.text(Message.Role.ASSISTANT, "done")),
                List.of(new ToolDefinition("f", "does f", WEATHER_SCHEMA, false)),
                ToolChoice.REQUIRED, new Sampling(0.5, 0.25, null, 77, null, null, null, null),
                new ReasoningConfig(ReasoningConfig.Effort.LOW, null, true),
                new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "out", WEATHER_SCHEMA, false),
                true, true, true, null);
        assertEquals(r, codec.decodeRequest(encode(r)));
    }

    @Test
    void clientRequestSurvivesDecodeEncodeDecode() {
        ChatRequest first = codec.decodeRequest(GOLDEN.json("request-codex-multiturn.json"));
        ChatRequest second = codec.decodeRequest(encode(first));
        assertEquals(first.system(), second.system());
        assertEquals(first.messages(), second.messages());
        assertEquals(first.reasoning(), second.reasoning());
        assertEquals(first.toolChoice(), second.toolChoice());
    }
}
