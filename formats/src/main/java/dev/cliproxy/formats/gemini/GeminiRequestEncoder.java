package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Message;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes a canonical request as a Gemini {@code generateContent} body (no model: it goes in the URL). Contents
 * start with a user turn and alternate (consecutive turns of one role are merged); the first function call of each
 * model turn always carries a {@code thoughtSignature}, the documented dummy when no Gemini signature is known.
 */
final class GeminiRequestEncoder {

    /** The value Gemini documents for function calls it did not generate (skips signature validation). */
    static final String DUMMY_SIGNATURE = "skip_thought_signature_validator";

    /** Text of the user turn put in front of a conversation that starts with a model turn. */
    static final String PLACEHOLDER_USER_TEXT = ".";

    private GeminiRequestEncoder() {
    }

    static byte[] encode(ChatRequest request) {
        ObjectNode root = Json.object();
        ArrayNode contents = contents(request);
        boolean systemAsUser = contents.isEmpty() && !request.systemText().isEmpty();
        if (systemAsUser) {
            addTurn(contents, "user").addObject().put("text", request.systemText());
        } else if (contents.isEmpty() || !"user".equals(contents.get(0).path("role").asText())) {
            ObjectNode first = Json.object().put("role", "user");
            first.putArray("parts").addObject().put("text", PLACEHOLDER_USER_TEXT);
            contents.insert(0, first);
        }
        root.set("contents", contents);
        if (!systemAsUser) {
            GeminiConfigEncoder.systemInstruction(request, root);
        }
        GeminiConfigEncoder.tools(request, root);
        GeminiConfigEncoder.generationConfig(request, root);
        return Json.write(root);
    }

    private static ArrayNode contents(ChatRequest request) {
        Map<String, String> toolNames = new HashMap<>();
        for (Message m : request.messages()) {
            for (ContentPart p : m.parts()) {
                if (p instanceof ContentPart.ToolCall c && c.id() != null) {
                    toolNames.put(c.id(), c.name());
                }
            }
        }
        GeminiPartWriter writer = GeminiPartWriter.upstream();
        ArrayNode contents = Json.MAPPER.createArrayNode();
        for (Message m : request.messages()) {
            String role = m.role() == Message.Role.ASSISTANT ? "model" : "user";
            ArrayNode parts = Json.MAPPER.createArrayNode();
            for (ContentPart p : m.parts()) {
                writer.write(p, parts, toolNames);
            }
            if (parts.isEmpty()) {
                continue;
            }
            JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
            ArrayNode target = last != null && role.equals(last.path("role").asText())
                    ? (ArrayNode) last.get("parts") : addTurn(contents, role);
            target.addAll(parts);
        }
        contents.forEach(GeminiRequestEncoder::signFirstCall);
        return contents;
    }

    private static ArrayNode addTurn(ArrayNode contents, String role) {
        return contents.addObject().put("role", role).putArray("parts");
    }

    private static void signFirstCall(JsonNode content) {
        if (!"model".equals(content.path("role").asText())) {
            return;
        }
        for (JsonNode part : content.get("parts")) {
            if (part.has("functionCall")) {
                if (!part.has("thoughtSignature")) {
                    ((ObjectNode) part).put("thoughtSignature", DUMMY_SIGNATURE);
                }
                return;
            }
        }
    }
}
