package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.Usage;

/** The {@code usage} object. Canonical usage already has OpenAI semantics, so fields map one to one. */
final class OpenAiUsage {

    private OpenAiUsage() {
    }

    /** Reads a usage object; {@code null} when {@code node} is not an object. */
    static Usage read(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode promptDetails = node.get("prompt_tokens_details");
        long cached = JsonFields.lenientLong(promptDetails, "cached_tokens");
        if (cached == 0) {
            cached = JsonFields.lenientLong(node, "prompt_cache_hit_tokens"); // DeepSeek
        }
        return new Usage(
                JsonFields.lenientLong(node, "prompt_tokens"),
                JsonFields.lenientLong(node, "completion_tokens"),
                cached,
                JsonFields.lenientLong(promptDetails, "cache_write_tokens"), // OpenRouter
                JsonFields.lenientLong(node.get("completion_tokens_details"), "reasoning_tokens"));
    }

    /** The usage object for a client. */
    static ObjectNode write(Usage u) {
        ObjectNode n = Json.object()
                .put("prompt_tokens", u.inputTokens())
                .put("completion_tokens", u.outputTokens())
                .put("total_tokens", u.totalTokens());
        n.putObject("prompt_tokens_details").put("cached_tokens", u.cachedInputTokens());
        n.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        return n;
    }
}
