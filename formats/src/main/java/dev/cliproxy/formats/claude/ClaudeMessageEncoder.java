package dev.cliproxy.formats.claude;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Message;
import dev.cliproxy.formats.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes the conversation as Claude messages: turns alternate (consecutive same-role content merges into one
 * turn, empty turns vanish), tool results lead their user turn, tool-use ids are sanitised consistently, and
 * reasoning is only sent back when Claude minted it (thinking with a Claude signature, redacted_thinking from
 * Claude); everything else is dropped. One instance per request.
 */
final class ClaudeMessageEncoder {

    private static final WireFormat CLAUDE = WireFormat.CLAUDE_MESSAGES;

    private static final class Turn {
        final Message.Role role;
        final ArrayNode results = Json.MAPPER.createArrayNode();
        final ArrayNode others = Json.MAPPER.createArrayNode();

        Turn(Message.Role role) {
            this.role = role;
        }
    }

    private final List<Turn> turns = new ArrayList<>();
    private int missingCallIds;
    private int missingResultIds;

    ArrayNode encode(List<Message> messages) {
        for (Message m : messages) {
            for (ContentPart p : m.parts()) {
                add(m.role(), p);
            }
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Turn t : turns) {
            ObjectNode msg = out.addObject();
            msg.put("role", t.role == Message.Role.USER ? "user" : "assistant");
            ArrayNode content = msg.putArray("content");
            content.addAll(t.results);
            content.addAll(t.others);
        }
        return out;
    }

    private void add(Message.Role role, ContentPart part) {
        switch (part) {
            case ContentPart.Text t -> {
                if (!t.text().isEmpty()) {
                    turn(role).others.add(text(t.text()));
                }
            }
            case ContentPart.Image i -> turn(role).others.add(image(i));
            case ContentPart.Document d -> turn(role).others.add(document(d));
            case ContentPart.ToolCall c -> turn(Message.Role.ASSISTANT).others.add(toolUse(c));
            case ContentPart.ToolResult r -> turn(Message.Role.USER).results.add(toolResult(r));
            case ContentPart.Reasoning r -> {
                ObjectNode block = role == Message.Role.ASSISTANT ? reasoning(r) : null;
                if (block != null) {
                    turn(role).others.add(block);
                }
            }
        }
    }

    private Turn turn(Message.Role role) {
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.role == role) {
            return last;
        }
        Turn t = new Turn(role);
        turns.add(t);
        return t;
    }

    static ObjectNode text(String text) {
        ObjectNode b = Json.object();
        b.put("type", "text").put("text", text);
        return b;
    }

    static ObjectNode image(ContentPart.Image i) {
        ObjectNode b = Json.object();
        b.put("type", "image");
        ObjectNode source = b.putObject("source");
        if (i.isInline()) {
            source.put("type", "base64").put("media_type", i.mediaType() == null ? "image/png" : i.mediaType())
                    .put("data", i.data());
        } else {
            source.put("type", "url").put("url", i.url());
        }
        return b;
    }

    /** PDFs as base64 or url documents, text/* as plain-text documents, image/* as images. */
    static ObjectNode document(ContentPart.Document d) {
        String mediaType = d.mediaType() == null ? "application/pdf" : d.mediaType();
        if (d.url() == null && mediaType.startsWith("image/")) {
            return image(ContentPart.Image.base64(mediaType, d.data()));
        }
        ObjectNode b = Json.object();
        b.put("type", "document");
        ObjectNode source = b.putObject("source");
        if (d.url() != null) {
            source.put("type", "url").put("url", d.url());
        } else if (mediaType.startsWith("text/")) {
            source.put("type", "text").put("media_type", "text/plain").put("data", decodeText(d.data()));
        } else {
            source.put("type", "base64").put("media_type", mediaType).put("data", d.data());
        }
        if (d.fileName() != null && !d.fileName().isEmpty()) {
            b.put("title", d.fileName());
        }
        return b;
    }

    private static String decodeText(String base64) {
        if (base64 == null) {
            return "";
        }
        try {
            return new String(Base64.getMimeDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }

    private ObjectNode toolUse(ContentPart.ToolCall c) {
        ObjectNode b = Json.object();
        b.put("type", "tool_use");
        b.put("id", isMissing(c.id()) ? "toolu_missing_" + missingCallIds++ : ClaudeIds.sanitizeToolId(c.id()));
        b.put("name", c.name());
        b.set("input", ClaudeToolInput.toObject(c.arguments()));
        return b;
    }

    private ObjectNode toolResult(ContentPart.ToolResult r) {
        ObjectNode b = Json.object();
        b.put("type", "tool_result");
        b.put("tool_use_id", isMissing(r.callId()) ? "toolu_missing_" + missingResultIds++
                : ClaudeIds.sanitizeToolId(r.callId()));
        ArrayNode content = Json.MAPPER.createArrayNode();
        for (ContentPart p : r.content()) {
            switch (p) {
                case ContentPart.Text t when !t.text().isEmpty() -> content.add(text(t.text()));
                case ContentPart.Image i -> content.add(image(i));
                case ContentPart.Document d -> content.add(document(d));
                default -> {
                    // empty text, and parts a tool result cannot hold
                }
            }
        }
        if (!content.isEmpty()) {
            b.set("content", content);
        }
        if (r.isError()) {
            b.put("is_error", true);
        }
        return b;
    }

    /** A thinking or redacted_thinking block when Claude minted it, else {@code null} (dropped). */
    static ObjectNode reasoning(ContentPart.Reasoning r) {
        Signature sig = r.signature();
        if (sig == null || !sig.validFor(CLAUDE)) {
            return null;
        }
        ObjectNode b = Json.object();
        if (r.redacted() != null) {
            return r.redacted().isEmpty() ? null : b.put("type", "redacted_thinking").put("data", r.redacted());
        }
        if (sig.value().isEmpty()) {
            return null;
        }
        return b.put("type", "thinking").put("thinking", r.text()).put("signature", sig.value());
    }

    private static boolean isMissing(String id) {
        return id == null || id.isEmpty();
    }
}
