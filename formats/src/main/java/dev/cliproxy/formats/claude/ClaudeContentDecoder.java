package dev.cliproxy.formats.claude;

import static dev.cliproxy.formats.JsonFields.requiredText;
import static dev.cliproxy.formats.JsonFields.text;
import static dev.cliproxy.formats.JsonFields.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.Signature;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Claude content blocks (message content and tool_result content) into canonical parts.
 *
 * <p>Server-side tool blocks ({@code server_tool_use}, {@code *_tool_result}, {@code mcp_tool_use},
 * {@code container_upload}) are skipped: no other format can replay them. {@code redacted_thinking} becomes a
 * {@link ContentPart.Reasoning} whose {@code redacted} holds the data and whose signature marks the origin (Claude,
 * or the origin a tagged value names), so encoders of other formats drop it. An empty-text thinking block whose
 * signature comes from another format, placed right before a tool_use block, is how this codec hands a tool-call
 * signature (Gemini {@code thoughtSignature}) to Claude clients; it is folded back into that tool call.
 */
final class ClaudeContentDecoder {

    private static final WireFormat CLAUDE = WireFormat.CLAUDE_MESSAGES;

    private ClaudeContentDecoder() {
    }

    /** Message content: a string or an array of blocks. */
    static List<ContentPart> decodeContent(JsonNode content, String path) {
        if (content == null || content.isNull()) {
            throw new FormatException(path + ".content: required");
        }
        if (content.isTextual()) {
            return content.textValue().isEmpty() ? List.of() : List.of(new ContentPart.Text(content.textValue()));
        }
        if (!content.isArray()) {
            throw new FormatException(path + ".content: expected a string or an array of content blocks");
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            ContentPart p = decodeBlock(content.get(i), path + ".content[" + i + "]");
            if (p != null) {
                parts.add(p);
            }
        }
        return foldToolCallSignatures(parts);
    }

    private static ContentPart decodeBlock(JsonNode block, String path) {
        if (block == null || !block.isObject()) {
            throw new FormatException(path + ": expected a content block object");
        }
        String type = requiredText(block, "type", path);
        return switch (type) {
            case "text" -> new ContentPart.Text(requiredText(block, "text", path));
            case "image" -> ClaudeMediaDecoder.image(block, path);
            case "document" -> ClaudeMediaDecoder.document(block, path);
            case "search_result" -> new ContentPart.Text(ClaudeMediaDecoder.searchResultText(block, path));
            case "tool_use" -> decodeToolUse(block, path);
            case "tool_result" -> decodeToolResult(block, path);
            case "thinking" -> new ContentPart.Reasoning(requiredText(block, "thinking", path),
                    Signature.fromClientValue(CLAUDE, text(block, "signature", path)), null);
            case "redacted_thinking" -> decodeRedacted(block, path);
            case "compaction" -> {
                String summary = text(block, "content", path);
                yield summary == null || summary.isEmpty() ? null : new ContentPart.Text(summary);
            }
            default -> {
                if (isServerBlock(type)) {
                    yield null;
                }
                throw new FormatException(path + ": unsupported content block type '" + type + "'");
            }
        };
    }

    static boolean isServerBlock(String type) {
        return type.equals("server_tool_use") || type.equals("mcp_tool_use") || type.equals("container_upload")
                || (type.endsWith("_tool_result") && !type.equals("tool_result"));
    }

    private static ContentPart.ToolCall decodeToolUse(JsonNode block, String path) {
        String id = requiredText(block, "id", path);
        String name = requiredText(block, "name", path);
        JsonNode input = value(block, "input");
        String arguments;
        try {
            arguments = input == null ? "{}" : Json.MAPPER.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new FormatException(path + ".input: cannot serialise", e);
        }
        return new ContentPart.ToolCall(id, name, arguments, null);
    }

    private static ContentPart.ToolResult decodeToolResult(JsonNode block, String path) {
        String callId = requiredText(block, "tool_use_id", path);
        boolean isError = Boolean.TRUE.equals(JsonFields.bool(block, "is_error", path));
        JsonNode content = value(block, "content");
        List<ContentPart> parts;
        if (content == null) {
            parts = List.of();
        } else if (content.isTextual()) {
            parts = content.textValue().isEmpty() ? List.of() : List.of(new ContentPart.Text(content.textValue()));
        } else if (content.isArray()) {
            parts = new ArrayList<>(content.size());
            for (int i = 0; i < content.size(); i++) {
                ContentPart p = decodeResultBlock(content.get(i), path + ".content[" + i + "]");
                if (p != null) {
                    parts.add(p);
                }
            }
        } else {
            throw new FormatException(path + ".content: expected a string or an array of content blocks");
        }
        return new ContentPart.ToolResult(callId, null, parts, isError);
    }

    private static ContentPart decodeResultBlock(JsonNode block, String path) {
        if (block == null || !block.isObject()) {
            throw new FormatException(path + ": expected a content block object");
        }
        String type = requiredText(block, "type", path);
        return switch (type) {
            case "text" -> new ContentPart.Text(requiredText(block, "text", path));
            case "image" -> ClaudeMediaDecoder.image(block, path);
            case "document" -> ClaudeMediaDecoder.document(block, path);
            case "search_result" -> new ContentPart.Text(ClaudeMediaDecoder.searchResultText(block, path));
            case "tool_reference" -> null;
            default -> throw new FormatException(path + ": unsupported tool_result content type '" + type + "'");
        };
    }

    private static ContentPart decodeRedacted(JsonNode block, String path) {
        Signature sig = Signature.fromClientValue(CLAUDE, requiredText(block, "data", path));
        return sig == null ? null : new ContentPart.Reasoning("", sig, sig.value());
    }

    /** Folds "empty thinking with a foreign signature, then tool_use" back into a signed tool call. */
    private static List<ContentPart> foldToolCallSignatures(List<ContentPart> parts) {
        List<ContentPart> out = null;
        for (int i = 0; i < parts.size(); i++) {
            ContentPart p = parts.get(i);
            if (i + 1 < parts.size() && p instanceof ContentPart.Reasoning r && isToolCallCarrier(r)
                    && parts.get(i + 1) instanceof ContentPart.ToolCall call && call.signature() == null) {
                if (out == null) {
                    out = new ArrayList<>(parts.subList(0, i));
                }
                out.add(new ContentPart.ToolCall(call.id(), call.name(), call.arguments(), r.signature()));
                i++;
            } else if (out != null) {
                out.add(p);
            }
        }
        return out == null ? parts : out;
    }

    private static boolean isToolCallCarrier(ContentPart.Reasoning r) {
        return r.text().isEmpty() && r.redacted() == null && r.signature() != null
                && r.signature().origin() != CLAUDE;
    }
}
