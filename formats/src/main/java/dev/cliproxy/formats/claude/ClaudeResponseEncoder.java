package dev.cliproxy.formats.claude;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.Usage;
import java.util.List;

/**
 * Writes a whole Messages response for a Claude client. The model shown is the client's alias; ids missing
 * upstream are derived from the request id. Signatures from other formats are handed out tagged; a tool call's
 * foreign signature (Gemini {@code thoughtSignature}) travels as an empty thinking block right before its tool_use
 * block (folded back by the request decoder). Empty text, images and documents are not written (Claude responses
 * have no image blocks).
 */
final class ClaudeResponseEncoder {

    private static final WireFormat CLAUDE = WireFormat.CLAUDE_MESSAGES;

    private ClaudeResponseEncoder() {
    }

    static byte[] encode(ChatResponse response, ResponseContext context) {
        String base = ClaudeIds.base(context.requestId());
        ObjectNode root = Json.object();
        root.put("id", response.id() != null && !response.id().isEmpty() ? response.id() : "msg_" + base);
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", context.model());
        addContent(root.putArray("content"), response, base);
        String stopReason = ClaudeStopReasons.toWire(response.finishReason(), response.stopSequence(),
                response.hasToolCalls());
        root.put("stop_reason", stopReason);
        if (stopReason.equals("stop_sequence")) {
            root.put("stop_sequence", response.stopSequence());
        } else {
            root.putNull("stop_sequence");
        }
        Usage u = response.usage() == null ? Usage.ZERO : response.usage();
        ClaudeUsage.put(root.putObject("usage"), u, u.outputTokens());
        return Json.write(root);
    }

    private static void addContent(ArrayNode content, ChatResponse response, String base) {
        int generated = 0;
        List<ContentPart> parts = response.content();
        int lastToolCall = -1;
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof ContentPart.ToolCall) {
                lastToolCall = i;
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            ContentPart p = parts.get(i);
            boolean afterLastToolCall = i > lastToolCall;
            switch (p) {
                case ContentPart.Text t when !t.text().isEmpty() ->
                        content.addObject().put("type", "text").put("text", t.text());
                case ContentPart.Reasoning r when afterLastToolCall && isForeignSignatureOnly(r) -> {
                    // a signed plain-text part (Gemini): no tool call to carry it for, and no thinking block may
                    // trail the answer's text (clients show the last block)
                }
                case ContentPart.Reasoning r -> addReasoning(content, r);
                case ContentPart.ToolCall c -> {
                    if (c.signature() != null && c.signature().origin() != CLAUDE) {
                        content.add(signatureCarrier(c.signature()));
                    }
                    ObjectNode b = content.addObject();
                    b.put("type", "tool_use");
                    b.put("id", c.id() != null && !c.id().isEmpty() ? c.id() : ClaudeIds.toolUseId(base, generated++));
                    b.put("name", c.name());
                    b.set("input", ClaudeToolInput.toObject(c.arguments()));
                }
                default -> {
                    // empty text, images, documents and tool results have no place in a Claude answer
                }
            }
        }
    }

    private static void addReasoning(ArrayNode content, ContentPart.Reasoning r) {
        Signature sig = r.signature();
        if (r.redacted() != null) {
            if (r.redacted().isEmpty()) {
                return;
            }
            String data = sig == null || sig.origin() == CLAUDE ? r.redacted()
                    : new Signature(sig.origin(), r.redacted()).toClientValue(CLAUDE);
            content.addObject().put("type", "redacted_thinking").put("data", data);
            return;
        }
        if (r.text().isEmpty() && sig == null) {
            return;
        }
        content.addObject().put("type", "thinking").put("thinking", r.text())
                .put("signature", sig == null ? "" : sig.toClientValue(CLAUDE));
    }

    private static boolean isForeignSignatureOnly(ContentPart.Reasoning r) {
        return r.redacted() == null && r.text().isEmpty() && r.signature() != null
                && r.signature().origin() != CLAUDE;
    }

    /** An empty thinking block carrying a foreign tool-call signature, tagged. */
    static ObjectNode signatureCarrier(Signature signature) {
        ObjectNode b = Json.object();
        return b.put("type", "thinking").put("thinking", "").put("signature", signature.toClientValue(CLAUDE));
    }
}
