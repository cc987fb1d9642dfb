package dev.cliproxy.formats.gemini;

import static dev.cliproxy.formats.gemini.GeminiField.BLOCK_REASON;
import static dev.cliproxy.formats.gemini.GeminiField.CANDIDATES;
import static dev.cliproxy.formats.gemini.GeminiField.CONTENT;
import static dev.cliproxy.formats.gemini.GeminiField.FINISH_REASON;
import static dev.cliproxy.formats.gemini.GeminiField.MODEL_VERSION;
import static dev.cliproxy.formats.gemini.GeminiField.PARTS;
import static dev.cliproxy.formats.gemini.GeminiField.PROMPT_FEEDBACK;
import static dev.cliproxy.formats.gemini.GeminiField.RESPONSE_ID;
import static dev.cliproxy.formats.gemini.GeminiField.USAGE_METADATA;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.StreamAggregator;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a whole {@code GenerateContentResponse} (first candidate only). A JSON array of responses (a
 * {@code streamGenerateContent} body without {@code alt=sse}) is assembled chunk by chunk.
 */
final class GeminiResponseDecoder {

    private GeminiResponseDecoder() {
    }

    static ChatResponse decode(byte[] body) {
        JsonNode root = Json.parse(body);
        if (root.isArray()) {
            return assemble(root);
        }
        if (!root.isObject()) {
            throw new FormatException("Gemini response must be a JSON object");
        }
        JsonNode error = root.get("error");
        if (error != null && error.isObject()) {
            throw new FormatException("Gemini returned an error: " + error.path("message").asText(""));
        }
        String responseId = RESPONSE_ID.text(root);
        JsonNode candidate = firstCandidate(root);
        List<ContentPart> content = new ArrayList<>();
        JsonNode parts = PARTS.in(CONTENT.in(candidate));
        if (parts != null && parts.isArray()) {
            GeminiPartReader reader = new GeminiPartReader(GeminiToolIds.forResponse(responseId), false);
            for (int i = 0; i < parts.size(); i++) {
                reader.read(parts.get(i), "candidates[0].content.parts[" + i + "]", content);
            }
        }
        content.removeIf(p -> p instanceof ContentPart.Document);
        boolean hasCalls = content.stream().anyMatch(p -> p instanceof ContentPart.ToolCall);
        FinishReason finish = GeminiFinishReasons.decode(FINISH_REASON.text(candidate), hasCalls);
        if (candidate == null && BLOCK_REASON.text(PROMPT_FEEDBACK.in(root)) != null) {
            finish = FinishReason.CONTENT_FILTER;
        }
        return new ChatResponse(responseId, MODEL_VERSION.text(root), 0, content, finish, null,
                GeminiUsage.decode(USAGE_METADATA.in(root)));
    }

    /** The first candidate, or {@code null} when there is none. */
    static JsonNode firstCandidate(JsonNode root) {
        JsonNode candidates = CANDIDATES.in(root);
        if (candidates == null || !candidates.isArray() || candidates.isEmpty()) {
            return null;
        }
        JsonNode first = candidates.get(0);
        return first.isObject() ? first : null;
    }

    private static ChatResponse assemble(JsonNode chunks) {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder();
        StreamAggregator aggregator = new StreamAggregator();
        for (JsonNode chunk : chunks) {
            decoder.decode(SseEvent.data(Json.write(chunk)), aggregator);
        }
        decoder.end(aggregator);
        if (aggregator.error() != null) {
            throw new FormatException("Gemini returned an error: " + aggregator.error().message());
        }
        return aggregator.result();
    }
}
