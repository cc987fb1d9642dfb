package dev.cliproxy.formats.gemini;

import static dev.cliproxy.formats.gemini.GeminiField.CACHED_CONTENT_TOKEN_COUNT;
import static dev.cliproxy.formats.gemini.GeminiField.CANDIDATES_TOKEN_COUNT;
import static dev.cliproxy.formats.gemini.GeminiField.PROMPT_TOKEN_COUNT;
import static dev.cliproxy.formats.gemini.GeminiField.THOUGHTS_TOKEN_COUNT;
import static dev.cliproxy.formats.gemini.GeminiField.TOOL_USE_PROMPT_TOKEN_COUNT;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Usage;
import java.io.IOException;

/**
 * {@code usageMetadata} both ways. Gemini's {@code promptTokenCount} includes cached tokens (like canonical input);
 * {@code candidatesTokenCount} excludes thoughts, so canonical output is candidates + thoughts and
 * reasoning is thoughts. {@code toolUsePromptTokenCount} (tokens of built-in tool results) counts as input.
 */
final class GeminiUsage {

    private GeminiUsage() {
    }

    /** The canonical usage, or {@code null} when {@code meta} is absent. */
    static Usage decode(JsonNode meta) {
        if (meta == null || !meta.isObject()) {
            return null;
        }
        long thoughts = THOUGHTS_TOKEN_COUNT.count(meta);
        return new Usage(PROMPT_TOKEN_COUNT.count(meta) + TOOL_USE_PROMPT_TOKEN_COUNT.count(meta),
                CANDIDATES_TOKEN_COUNT.count(meta) + thoughts, CACHED_CONTENT_TOKEN_COUNT.count(meta), 0, thoughts);
    }

    static void encode(Usage u, ObjectNode meta) {
        meta.put("promptTokenCount", u.inputTokens());
        meta.put("candidatesTokenCount", Math.max(0, u.outputTokens() - u.reasoningTokens()));
        if (u.reasoningTokens() > 0) {
            meta.put("thoughtsTokenCount", u.reasoningTokens());
        }
        if (u.cachedInputTokens() > 0) {
            meta.put("cachedContentTokenCount", u.cachedInputTokens());
        }
        meta.put("totalTokenCount", u.totalTokens());
    }

    static void write(Usage u, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("usageMetadata");
        g.writeNumberField("promptTokenCount", u.inputTokens());
        g.writeNumberField("candidatesTokenCount", Math.max(0, u.outputTokens() - u.reasoningTokens()));
        if (u.reasoningTokens() > 0) {
            g.writeNumberField("thoughtsTokenCount", u.reasoningTokens());
        }
        if (u.cachedInputTokens() > 0) {
            g.writeNumberField("cachedContentTokenCount", u.cachedInputTokens());
        }
        g.writeNumberField("totalTokenCount", u.totalTokens());
        g.writeEndObject();
    }
}
