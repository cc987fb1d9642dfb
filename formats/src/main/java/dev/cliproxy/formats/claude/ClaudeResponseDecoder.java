package dev.cliproxy.formats.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Signature;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole Messages response from api.anthropic.com. Server-tool blocks and block types this proxy does not
 * know are skipped (an upstream answer is never rejected for a new block type).
 */
final class ClaudeResponseDecoder {

    private static final WireFormat CLAUDE = WireFormat.CLAUDE_MESSAGES;

    private ClaudeResponseDecoder() {
    }

    static ChatResponse decode(byte[] body) {
        JsonNode root = Json.parse(body);
        if (!root.isObject()) {
            throw new FormatException("Claude response: expected a JSON object");
        }
        if ("error".equals(Json.text(root, "type"))) {
            throw new FormatException("Claude response is an error: " + ClaudeErrors.decode(500, body).message());
        }
        JsonNode content = root.get("content");
        if (content == null || !content.isArray()) {
            throw new FormatException("Claude response: content array is missing");
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (JsonNode block : content) {
            ContentPart p = block.isObject() ? decodeBlock(block) : null;
            if (p != null) {
                parts.add(p);
            }
        }
        String stopReason = Json.text(root, "stop_reason");
        String stopSequence = "stop_sequence".equals(stopReason) ? Json.text(root, "stop_sequence") : null;
        return new ChatResponse(Json.text(root, "id"), Json.text(root, "model"), 0, parts,
                ClaudeStopReasons.fromWire(stopReason), stopSequence, ClaudeUsage.fromWire(root.get("usage")));
    }

    private static ContentPart decodeBlock(JsonNode block) {
        String type = Json.text(block, "type");
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "text" -> new ContentPart.Text(Json.text(block, "text"));
            case "thinking" -> new ContentPart.Reasoning(Json.text(block, "thinking"),
                    signature(Json.text(block, "signature")), null);
            case "redacted_thinking" -> {
                String data = Json.text(block, "data");
                yield data == null || data.isEmpty() ? null
                        : new ContentPart.Reasoning("", new Signature(CLAUDE, data), data);
            }
            case "tool_use" -> toolCall(block);
            default -> null;
        };
    }

    private static Signature signature(String raw) {
        return raw == null || raw.isEmpty() ? null : new Signature(CLAUDE, raw);
    }

    private static ContentPart toolCall(JsonNode block) {
        String name = Json.text(block, "name");
        if (name == null) {
            throw new FormatException("Claude response: tool_use block without a name");
        }
        JsonNode input = block.get("input");
        try {
            String arguments = input == null || input.isNull() ? "{}" : Json.MAPPER.writeValueAsString(input);
            return new ContentPart.ToolCall(Json.text(block, "id"), name, arguments, null);
        } catch (JsonProcessingException e) {
            throw new FormatException("Claude response: cannot serialise tool input", e);
        }
    }
}
