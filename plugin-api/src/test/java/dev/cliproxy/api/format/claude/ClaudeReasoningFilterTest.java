package dev.cliproxy.api.format.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cliproxy.api.format.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClaudeReasoningFilterTest {

    private final ClaudeCodec codec = new ClaudeCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bodiesWithoutTaggedSignaturesAreReturnedAsTheyAre() {
        byte[] body = Golden.bytes("request-tool-results.json");
        assertSame(body, codec.dropForeignReasoning(body));
    }

    @Test
    void foreignReasoningIsDroppedAndClaudesOwnIsUnwrapped() {
        byte[] body = Golden.bytes("passthrough-tagged.json");
        Golden.assertJson("passthrough-tagged.expected.json", codec.dropForeignReasoning(body));
    }

    @Test
    void unsignedThinkingHandedOutForAnotherUpstreamIsDropped() {
        byte[] body = utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"thinking\",\"thinking\":\"GPT reasoning\",\"signature\":\"\"},"
                + "{\"type\":\"text\",\"text\":\"Hello\"}]}]}");
        assertEquals(Json.parse(utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":"
                + "\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]}]}")),
                Json.parse(codec.dropForeignReasoning(body)));
    }

    @Test
    void unreadableBodiesAreLeftAlone() {
        byte[] body = utf8("{\"messages\": [ cpx1:gemini:x");
        assertSame(body, codec.dropForeignReasoning(body));
    }

    @Test
    void numbersAndUnknownFieldsSurviveTheRewrite() {
        byte[] body = utf8("{\"model\":\"m\",\"temperature\":0.70,\"custom\":{\"a\":1},\"messages\":[{\"role\":"
                + "\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":"
                + "\"cpx1:openai-response:enc\"},{\"type\":\"text\",\"text\":\"ok\"}]}]}");
        assertEquals(Json.parse(utf8("{\"model\":\"m\",\"temperature\":0.70,\"custom\":{\"a\":1},\"messages\":"
                + "[{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]}]}")),
                Json.parse(codec.dropForeignReasoning(body)));
    }
}
