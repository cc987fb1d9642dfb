package dev.cliproxy.formats.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Message;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Sampling;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.StreamAggregator;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.ToolChoice;
import dev.cliproxy.formats.ToolDefinition;
import dev.cliproxy.formats.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiRoundTripTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("gemini");

    private static final GeminiCodec CODEC = new GeminiCodec();

    private static Signature gemini(String value) {
        return new Signature(WireFormat.GEMINI, value);
    }

    @Test
    void everythingGeminiCanCarrySurvivesEncodeThenDecode() {
        ChatRequest original = new ChatRequest("gemini-2.5-flash", List.of(new ContentPart.Text("Be brief.")),
                List.of(new Message(Message.Role.USER, List.of(new ContentPart.Text("Look at this"),
                                ContentPart.Image.base64("image/png", "iVBOR"),
                                new ContentPart.Image("image/jpeg", null, "https://example.com/a.jpg"),
                                new ContentPart.Document("application/pdf", "JVBER", null, null))),
                        new Message(Message.Role.ASSISTANT, List.of(
                                new ContentPart.Reasoning("thinking", gemini("c2lnMQ=="), null),
                                new ContentPart.Text("Let me check."),
                                new ContentPart.ToolCall("call_1", "lookup", "{\"q\":\"x\"}", gemini("c2lnMg==")),
                                new ContentPart.ToolCall("call_2", "lookup", "{\"q\":\"y\"}", null))),
                        new Message(Message.Role.USER, List.of(
                                new ContentPart.ToolResult("call_1", "lookup",
                                        List.of(new ContentPart.Text("{\"hits\":3}")), false),
                                new ContentPart.ToolResult("call_2", "lookup", List.of(new ContentPart.Text("boom")),
                                        true))),
                        new Message(Message.Role.ASSISTANT, List.of(new ContentPart.Text("Done."),
                                new ContentPart.Reasoning("", gemini("c2lnMw=="), null))),
                        new Message(Message.Role.USER, List.of(new ContentPart.Text("thanks")))),
                List.of(new ToolDefinition("lookup", "Search", Json.parse(("{\"type\":\"object\",\"properties\":"
                        + "{\"q\":{\"type\":\"string\"}},\"required\":[\"q\"]}").getBytes(StandardCharsets.UTF_8)), null)),
                ToolChoice.REQUIRED,
                new Sampling(0.5, 0.9, 20, 100, List.of("END"), 0.1, 0.2, 42L),
                new ReasoningConfig(null, 2048, true),
                new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "response", Json.parse(
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}".getBytes(StandardCharsets.UTF_8)),
                        null),
                false, false, null, null);
        ChatRequest decoded = CODEC.decodeRequest(Json.parse(CODEC.encodeRequest(original)));
        assertEquals(CanonicalJson.of(original), CanonicalJson.of(decoded.withModel("gemini-2.5-flash")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-text", "stream-thinking-and-tool-call", "stream-text-signature"})
    void ourOwnStreamDecodesToTheSameAnswerAsTheUpstreamStream(String name) {
        List<StreamEvent> upstream = decode(GOLDEN.sse(name + ".sse"));
        StreamEncoder encoder = CODEC.newStreamEncoder(new ResponseContext("m", "r", 0, null, false));
        List<SseEvent> client = new ArrayList<>();
        upstream.forEach(e -> encoder.encode(e, client::add));
        encoder.end(client::add);
        List<StreamEvent> again = decode(client);
        ChatResponse first = aggregate(upstream);
        ChatResponse second = aggregate(again);
        assertEquals(first.content(), second.content());
        assertEquals(first.finishReason(), second.finishReason());
        assertEquals(first.usage(), second.usage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"response-text", "response-thinking-parallel-calls", "response-max-tokens-text-signature"})
    void ourOwnResponseDecodesToTheSameAnswer(String name) {
        ChatResponse upstream = CODEC.decodeResponse(GOLDEN.bytes(name + ".json"));
        ChatResponse again = CODEC.decodeResponse(CODEC.encodeResponse(upstream,
                new ResponseContext("m", "r", 0, null, false)));
        assertEquals(upstream.content(), again.content());
        assertEquals(upstream.finishReason(), again.finishReason());
        assertEquals(upstream.usage(), again.usage());
    }

    private static List<StreamEvent> decode(List<SseEvent> events) {
        StreamDecoder decoder = CODEC.newStreamDecoder();
        List<StreamEvent> out = new ArrayList<>();
        events.forEach(e -> decoder.decode(e, out::add));
        decoder.end(out::add);
        return out;
    }

    private static ChatResponse aggregate(List<StreamEvent> events) {
        StreamAggregator aggregator = new StreamAggregator();
        events.forEach(aggregator);
        return aggregator.result();
    }
}
