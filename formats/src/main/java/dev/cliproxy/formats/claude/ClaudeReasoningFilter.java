package dev.cliproxy.formats.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ByteSearch;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Signature;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * Removes foreign reasoning from a pass-through Messages request: thinking blocks whose signature (and
 * redacted_thinking blocks whose data) is tagged with another format are dropped; values tagged as Claude's are
 * unwrapped to the raw value. Thinking blocks with an empty signature (unsigned reasoning from OpenAI-style
 * upstreams, handed to Claude clients with {@code "signature":""}) are dropped too: Anthropic rejects them. A message
 * left without content is removed (the API merges the neighbouring same-role turns). When that leaves the last
 * assistant tool turn without a leading thinking block, thinking is turned off for the request
 * ({@link ClaudeThinkingTurns}). Bodies containing neither the
 * tag nor {@code "signature":""} are returned as they are, without parsing.
 */
final class ClaudeReasoningFilter {

    private static final byte[] TAG = Signature.TAG.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_SIGNATURE = "\"signature\":\"\"".getBytes(StandardCharsets.US_ASCII);

    private ClaudeReasoningFilter() {
    }

    static byte[] filter(byte[] body) {
        if (body == null || !ByteSearch.contains(body, TAG) && !ByteSearch.contains(body, EMPTY_SIGNATURE)) {
            return body;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            return body;
        }
        JsonNode messages = root == null ? null : root.get("messages");
        if (messages == null || !messages.isArray()) {
            return body;
        }
        boolean changed = false;
        Iterator<JsonNode> it = messages.iterator();
        while (it.hasNext()) {
            JsonNode content = it.next().get("content");
            if (content instanceof ArrayNode blocks && filterBlocks(blocks)) {
                changed = true;
                if (blocks.isEmpty()) {
                    it.remove();
                }
            }
        }
        if (changed && ClaudeThinkingTurns.thinkingOn(root) && ClaudeThinkingTurns.lastToolTurnUnsigned(messages)) {
            ClaudeThinkingTurns.turnOff((ObjectNode) root); // the dropped block led the tool turn
        }
        return changed ? Json.write(root) : body;
    }

    /** Filters one content array; true when something changed. */
    private static boolean filterBlocks(ArrayNode blocks) {
        boolean changed = false;
        for (int i = blocks.size() - 1; i >= 0; i--) {
            if (!(blocks.get(i) instanceof ObjectNode block)) {
                continue;
            }
            String type = Json.text(block, "type");
            String field = "thinking".equals(type) ? "signature" : "redacted_thinking".equals(type) ? "data" : null;
            String raw = field == null ? null : Json.text(block, field);
            if ("thinking".equals(type) && (raw == null || raw.isEmpty())) {
                blocks.remove(i);
                changed = true;
                continue;
            }
            if (raw == null || !raw.startsWith(Signature.TAG)) {
                continue;
            }
            Signature sig = Signature.fromClientValue(WireFormat.CLAUDE_MESSAGES, raw);
            if (sig.origin() == WireFormat.CLAUDE_MESSAGES && !sig.value().equals(raw)) {
                block.put(field, sig.value());
            } else {
                blocks.remove(i);
            }
            changed = true;
        }
        return changed;
    }
}
