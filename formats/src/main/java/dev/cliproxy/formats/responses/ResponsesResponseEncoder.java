package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ResponseContext;

/**
 * Writes a whole {@link ChatResponse} as a Responses {@code response} object. Consecutive text parts share one
 * message item; reasoning becomes a reasoning item whose {@code encrypted_content} is the signature in client form
 * (tagged when another format minted it); inline images become {@code image_generation_call} items. Claude's
 * redacted reasoning has no Responses form and is left out.
 */
final class ResponsesResponseEncoder {

    private ResponsesResponseEncoder() {
    }

    static byte[] encode(ChatResponse resp, ResponseContext ctx) {
        ResponseIds ids = ResponseIds.of(resp.id(), ctx.requestId());
        ArrayNode output = Json.MAPPER.createArrayNode();
        ArrayNode openText = null;
        for (ContentPart p : resp.content()) {
            if (p instanceof ContentPart.Text t) {
                if (openText == null) {
                    ObjectNode msg = ResponseObjectWriter.messageItem(ids.item("msg", output.size()), "completed");
                    output.add(msg);
                    openText = (ArrayNode) msg.get("content");
                }
                openText.add(ResponseObjectWriter.outputText(t.text()));
                continue;
            }
            openText = null;
            ObjectNode item = item(p, ids, output.size());
            if (item != null) {
                output.add(item);
            }
        }
        FinishReason finish = resp.finishReason();
        if (finish == null) {
            finish = resp.hasToolCalls() ? FinishReason.TOOL_CALLS : FinishReason.STOP;
        }
        ResponseObjectWriter.Outcome outcome = ResponseObjectWriter.Outcome.of(finish);
        JsonNode last = output.isEmpty() ? null : output.get(output.size() - 1);
        if (outcome.incompleteReason() != null && last != null && "message".equals(last.path("type").asText())) {
            ((ObjectNode) last).put("status", "incomplete"); // the text was cut short
        }
        return Json.write(ResponseObjectWriter.response(ids.responseId(), ctx, outcome, output, resp.usage()));
    }

    private static ObjectNode item(ContentPart p, ResponseIds ids, int index) {
        return switch (p) {
            case ContentPart.Reasoning r -> {
                if (r.text().isEmpty() && r.signature() == null) {
                    yield null; // redacted-only reasoning: nothing a Responses client could show or send back
                }
                yield ResponseObjectWriter.reasoningItem(ids.item("rs", index), r.text(),
                        r.signature() == null ? null : r.signature().toClientValue(WireFormat.OPENAI_RESPONSES));
            }
            case ContentPart.ToolCall c -> ResponseObjectWriter.functionCallItem(ids.item("fc", index), "completed",
                    c.id() != null ? c.id() : ids.callId(index), c.name(), c.arguments());
            case ContentPart.Image img when img.isInline() -> {
                ObjectNode item = Json.object();
                item.put("id", ids.item("ig", index));
                item.put("type", "image_generation_call");
                item.put("status", "completed");
                item.put("result", img.data());
                yield item;
            }
            default -> null; // image URLs, documents and tool results do not occur in model output
        };
    }
}
