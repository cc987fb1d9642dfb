package dev.cliproxy.formats.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import java.util.Iterator;

/**
 * Anthropic's rule for thinking with tools: when thinking is on, the last assistant message, if it calls tools, must
 * start with a (signed) thinking block. A history whose reasoning came from another format, or from a client that
 * does not keep it (an OpenAI Chat client rebuilding its messages), has none to send, so the request is answered
 * 400. Such a request is sent without thinking instead (and without the context edits that need thinking), which is
 * what the API accepts: the model answers the tool results, only without a new thinking block in this turn.
 */
final class ClaudeThinkingTurns {

    private ClaudeThinkingTurns() {
    }

    /** Whether the last assistant message calls a tool without starting with a thinking block. */
    static boolean lastToolTurnUnsigned(JsonNode messages) {
        if (messages == null || !messages.isArray()) {
            return false;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (!"assistant".equals(Json.text(m, "role"))) {
                continue;
            }
            JsonNode content = m.get("content");
            if (!(content instanceof ArrayNode blocks) || blocks.isEmpty()) {
                return false;
            }
            boolean callsTool = false;
            for (JsonNode b : blocks) {
                callsTool |= "tool_use".equals(Json.text(b, "type"));
            }
            String first = Json.text(blocks.get(0), "type");
            return callsTool && !"thinking".equals(first) && !"redacted_thinking".equals(first);
        }
        return false;
    }

    /** Whether the body turns thinking on. */
    static boolean thinkingOn(JsonNode body) {
        JsonNode thinking = body.get("thinking");
        String type = thinking == null ? null : Json.text(thinking, "type");
        return "enabled".equals(type) || "adaptive".equals(type);
    }

    /** Removes {@code thinking} and the {@code clear_thinking_*} context edits, which the API only allows with it. */
    static void turnOff(ObjectNode body) {
        body.remove("thinking");
        JsonNode cm = body.get("context_management");
        JsonNode edits = cm == null ? null : cm.get("edits");
        if (edits instanceof ArrayNode list) {
            Iterator<JsonNode> it = list.iterator();
            while (it.hasNext()) {
                String type = Json.text(it.next(), "type");
                if (type != null && type.startsWith("clear_thinking")) {
                    it.remove();
                }
            }
            if (list.isEmpty()) {
                body.remove("context_management");
            }
        }
    }
}
