package dev.cliproxy.formats.gemini;

import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files: inputs shaped like the Gemini API reference examples, their canonical form, and what the codec
 * writes back (upstream request bodies, client response bodies and client streams).
 */
class GeminiGoldenTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("gemini");

    private static final GeminiCodec CODEC = new GeminiCodec();
    private static final ResponseContext CONTEXT = new ResponseContext("my-gemini", "req-123", 1700000000L, null,
            false);

    @ParameterizedTest
    @ValueSource(strings = {"request-text", "request-multi-turn", "request-snake-case-function-calling",
            "request-image-inline", "request-file-data", "request-generation-config", "request-response-schema",
            "request-thinking-tools-parallel", "request-count-tokens-wrapped"})
    void requestDecodesToCanonicalAndEncodesForTheGeminiApi(String name) {
        ChatRequest request = CODEC.decodeRequest(GOLDEN.json(name + ".json"));
        GOLDEN.assertJson(name + ".canonical.json", CanonicalJson.of(request));
        GOLDEN.assertJson(name + ".upstream.json", CODEC.encodeRequest(request.withModel("gemini-2.5-flash")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"response-text", "response-thinking-parallel-calls", "response-function-call-without-id",
            "response-max-tokens-text-signature", "response-prompt-blocked"})
    void responseDecodesToCanonicalAndEncodesForAGeminiClient(String name) {
        ChatResponse response = CODEC.decodeResponse(GOLDEN.bytes(name + ".json"));
        GOLDEN.assertJson(name + ".canonical.json", CanonicalJson.of(response));
        GOLDEN.assertJson(name + ".client.json", CODEC.encodeResponse(response, CONTEXT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-text", "stream-thinking-and-tool-call", "stream-text-signature", "stream-error"})
    void streamDecodesToCanonicalEventsAndEncodesForAGeminiClient(String name) {
        StreamDecoder decoder = CODEC.newStreamDecoder();
        List<StreamEvent> events = new ArrayList<>();
        for (SseEvent e : GOLDEN.sse(name + ".sse")) {
            decoder.decode(e, events::add);
        }
        decoder.end(events::add);
        GOLDEN.assertJson(name + ".events.json", CanonicalJson.events(events));

        StreamEncoder encoder = CODEC.newStreamEncoder(CONTEXT);
        List<SseEvent> out = new ArrayList<>();
        events.forEach(e -> encoder.encode(e, out::add));
        encoder.end(out::add);
        GOLDEN.assertSse(name + ".client.sse", out);
    }
}
