package dev.cliproxy.formats.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.GoldenFiles;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClaudeReasoningFilterTest {

    private static final GoldenFiles GOLDEN = GoldenFiles.in("claude");

    private final ClaudeCodec codec = new ClaudeCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bodiesWithoutTaggedSignaturesAreReturnedAsTheyAre() {
        byte[] body = GOLDEN.bytes("request-tool-results.json");
        assertSame(body, codec.dropForeignReasoning(body));
    }

    @Test
    void foreignReasoningIsDroppedAndClaudesOwnIsUnwrapped() {
        byte[] body = GOLDEN.bytes("passthrough-tagged.json");
        GOLDEN.assertJson("passthrough-tagged.expected.json", codec.dropForeignReasoning(body));
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
    void droppingTheThinkingThatLedAToolTurnTurnsThinkingOffForThePassThrough() {
        // Claude Code after /model from a Gemini model to a Claude one: its tool turn was led by Gemini's signature
        byte[] body = utf8("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32000,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999},"
                + "\"context_management\":{\"edits\":[{\"type\":\"clear_thinking_20251015\",\"keep\":\"all\"}]},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"cpx1:gemini:CiQB\"},"
                + "{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"get_weather\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"call_1\","
                + "\"content\":\"Sunny\"}]}]}");
        JsonNode out = Json.parse(codec.dropForeignReasoning(body));
        assertFalse(out.has("thinking"), out.toString());
        assertFalse(out.has("context_management"), "clear_thinking edits need thinking: " + out);
        assertEquals("tool_use", out.at("/messages/1/content/0/type").asText());
        assertEquals(32000, out.get("max_tokens").asInt());
    }

    @Test
    void thinkingStaysWhenTheToolTurnKeepsClaudesOwnThinking() {
        byte[] body = utf8("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"messages\":["
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"t\","
                + "\"signature\":\"cpx1:claude:sig\"},{\"type\":\"tool_use\",\"id\":\"c\",\"name\":\"f\","
                + "\"input\":{}}]}]}");
        JsonNode out = Json.parse(codec.dropForeignReasoning(body));
        assertEquals("enabled", out.at("/thinking/type").asText(), out.toString());
        assertEquals("sig", out.at("/messages/0/content/0/signature").asText());
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
