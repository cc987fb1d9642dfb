package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ResponseContext;
import java.util.Map;
import java.util.UUID;

/**
 * Encodes a whole response for a Gemini client: one candidate, {@code modelVersion} = the client's model name,
 * signatures in client form, function calls with an id (derived from the request id when the upstream gave none).
 */
final class GeminiResponseEncoder {

    private GeminiResponseEncoder() {
    }

    static byte[] encode(ChatResponse response, ResponseContext context) {
        ObjectNode root = Json.object();
        ObjectNode candidate = root.putArray("candidates").addObject();
        ArrayNode parts = Json.MAPPER.createArrayNode();
        GeminiPartWriter writer = GeminiPartWriter.client();
        int callIndex = 0;
        for (ContentPart p : response.content()) {
            if (p instanceof ContentPart.ToolCall c && (c.id() == null || c.id().isEmpty())) {
                p = new ContentPart.ToolCall(GeminiToolIds.derived(requestId(context), callIndex), c.name(),
                        c.arguments(), c.signature());
            }
            if (p instanceof ContentPart.ToolCall) {
                callIndex++;
            }
            writer.write(p, parts, Map.of());
        }
        if (!parts.isEmpty()) {
            ObjectNode content = candidate.putObject("content");
            content.set("parts", parts);
            content.put("role", "model");
        }
        candidate.put("finishReason", GeminiFinishReasons.encode(response.finishReason()));
        candidate.put("index", 0);
        if (response.usage() != null) {
            GeminiUsage.encode(response.usage(), root.putObject("usageMetadata"));
        }
        root.put("modelVersion", context == null ? response.model() : context.model());
        root.put("responseId", responseId(response.id(), context));
        return Json.write(root);
    }

    static String requestId(ResponseContext context) {
        return context == null ? null : context.requestId();
    }

    /** The upstream id, else one derived from the host's request id. */
    static String responseId(String upstreamId, ResponseContext context) {
        if (upstreamId != null && !upstreamId.isEmpty()) {
            return upstreamId;
        }
        String requestId = requestId(context);
        return requestId != null && !requestId.isEmpty() ? requestId
                : UUID.randomUUID().toString().replace("-", "");
    }
}
