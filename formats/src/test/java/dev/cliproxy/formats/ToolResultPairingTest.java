package dev.cliproxy.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.codecs.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ToolResultPairingTest {

    private static final ContentPart.Image PNG = ContentPart.Image.base64("image/png", "iVBORw0KGgo=");

    private static Message user(ContentPart... parts) {
        return new Message(Message.Role.USER, List.of(parts));
    }

    private static Message assistantCalling(String id) {
        return new Message(Message.Role.ASSISTANT, List.of(new ContentPart.ToolCall(id, "read_file", "{}", null)));
    }

    private static ContentPart.ToolResult result(String id) {
        return new ContentPart.ToolResult(id, "read_file", List.of(new ContentPart.Text("Binary content"), PNG), false);
    }

    @Test
    void aLoneToolResultBecomesTextNamingTheToolAndKeepsItsImage() {
        // Gemini CLI counts the tokens of a tool output on its own: contents = [user: functionResponse, image]
        List<Message> out = ToolResultPairing.orphansAsText(List.of(user(result("read_file__x_0"))));
        List<ContentPart> parts = out.get(0).parts();
        assertEquals(new ContentPart.Text("Result of read_file:\nBinary content"), parts.get(0));
        assertEquals(PNG, parts.get(1));
        assertEquals(2, parts.size());
    }

    @Test
    void resultsAnsweringTheCallsBeforeThemAreLeftAlone() {
        List<Message> in = List.of(user(new ContentPart.Text("Read it")), assistantCalling("call_1"),
                user(result("call_1")));
        assertSame(in, ToolResultPairing.orphansAsText(in));
    }

    @Test
    void resultsOfCallsWithoutIdsArePairedByTheEncodersAndLeftAlone() {
        List<Message> in = List.of(assistantCalling(null), user(result(null)));
        assertSame(in, ToolResultPairing.orphansAsText(in));
    }

    @Test
    void aResultForACallOfAnEarlierTurnIsAnOrphan() {
        List<Message> out = ToolResultPairing.orphansAsText(List.of(assistantCalling("call_1"), user(result("call_1")),
                assistantCalling("call_2"), user(result("call_2"), result("call_1"))));
        List<ContentPart> last = out.get(3).parts();
        assertInstanceOf(ContentPart.ToolResult.class, last.get(0));
        assertInstanceOf(ContentPart.Text.class, last.get(1));
        assertSame(out.get(1).parts().get(0), out.get(1).parts().get(0));
        assertInstanceOf(ContentPart.ToolResult.class, out.get(1).parts().get(0));
    }

    @ParameterizedTest
    @EnumSource(value = WireFormat.class, names = {"CLAUDE_MESSAGES", "OPENAI_CHAT", "OPENAI_RESPONSES"})
    void strictFormatsNeverReceiveAnOrphanToolResult(WireFormat format) {
        ChatRequest r = new ChatRequest("m", List.of(), List.of(user(result("read_file__x_0"))), List.of(), null,
                Sampling.NONE, null, null, false, false, null, null);
        String body = new String(Codecs.of(format).encodeRequest(r), StandardCharsets.UTF_8);
        assertFalse(body.contains("tool_result") || body.contains("\"role\":\"tool\"")
                || body.contains("function_call_output"), body);
        assertTrue(body.contains("Result of read_file:"), body);
    }
}
