package dev.cliproxy.formats.openai;

import static dev.cliproxy.formats.openai.OpenAiFixtures.CODEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.ToolChoice;
import dev.cliproxy.formats.ToolDefinition;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What this format can carry survives encode then decode; own streams survive decode then encode. */
class OpenAiRoundTripTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("openai");

    @Test
    void requestSurvivesEncodeThenDecode() {
        Signature own = new Signature(WireFormat.OPENAI_CHAT, "c2ln+/=");
        var schema = Json.parse("""
                {"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""".getBytes());
        ChatRequest original = new ChatRequest("gpt-x",
                List.of(new ContentPart.Text("be brief")),
                List.of(
                        new Message(Message.Role.USER, List.of(new ContentPart.Text("look"),
                                ContentPart.Image.fromUrl("https://example.com/y.png"),
                                ContentPart.Image.base64("image/jpeg", "/9j/4AAQ"),
                                new ContentPart.Document("application/pdf", "JVBE", null, "a.pdf"))),
                        new Message(Message.Role.ASSISTANT, List.of(
                                new ContentPart.Reasoning("first", own, null),
                                new ContentPart.Reasoning("second", null, null),
                                new ContentPart.Text("calling"),
                                new ContentPart.ToolCall("c1", "lookup", "{\"a\":\"x\"}", own),
                                new ContentPart.ToolCall("c2", "lookup", "{\"a\":\"y\"}", null))),
                        new Message(Message.Role.USER, List.of(
                                new ContentPart.ToolResult("c1", "lookup", List.of(new ContentPart.Text("r1")), false),
                                new ContentPart.ToolResult("c2", "lookup", List.of(new ContentPart.Text("r2")), false))),
                        Message.text(Message.Role.ASSISTANT, "done")),
                List.of(new ToolDefinition("lookup", "finds things", schema, true)),
                ToolChoice.tool("lookup"),
                new Sampling(0.5, 0.8, null, 100, List.of("x", "y"), 0.1, 0.2, 7L),
                ReasoningConfig.ofEffort(Effort.HIGH),
                new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "out", schema, true),
                true, true, false, "u-1");
        ChatRequest back = CODEC.decodeRequest(Json.parse(CODEC.encodeRequest(original)));
        assertEquals(original, back);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-text", "stream-tool-call-usage", "stream-reasoning-usage"})
    void ownStreamTranscodesIntoAValidSequenceWithTheSameContent(String name) {
        List<StreamEvent> events = OpenAiFixtures.decode(GOLDEN.sse(name + ".sse"));
        List<SseEvent> client = OpenAiFixtures.encode(events, OpenAiFixtures.ctx(true));
        assertTrue(client.get(client.size() - 1).dataEquals("[DONE]"));
        List<StreamEvent> again = OpenAiFixtures.decode(client);
        assertEquals(withoutStart(events), withoutStart(again));
    }

    private static List<StreamEvent> withoutStart(List<StreamEvent> events) {
        return events.stream().filter(e -> !(e instanceof StreamEvent.MessageStart)).toList();
    }

    @Test
    void responseSurvivesEncodeThenDecode() {
        byte[] upstream = GOLDEN.bytes("response-tool-calls.json");
        var decoded = CODEC.decodeResponse(upstream);
        var again = CODEC.decodeResponse(CODEC.encodeResponse(decoded, OpenAiFixtures.ctx(false)));
        assertEquals(decoded.withModel("my-alias"), again);
    }
}
