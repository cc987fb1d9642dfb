package dev.cliproxy.formats.claude;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Usage;
import java.io.IOException;

/**
 * Claude usage and canonical {@link Usage}. Claude's {@code input_tokens} excludes cache reads and writes, so the
 * canonical input is {@code input_tokens + cache_read_input_tokens + cache_creation_input_tokens}; written back,
 * {@code input_tokens} is the canonical input minus both (never negative). Claude reports no separate thinking
 * count, so reasoning tokens read as 0 (they are inside {@code output_tokens}).
 */
final class ClaudeUsage {

    private ClaudeUsage() {
    }

    /** Canonical usage from a Claude usage object, or {@code null} when there is none. */
    static Usage fromWire(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long input = count(usage, "input_tokens");
        long read = count(usage, "cache_read_input_tokens");
        long creation = count(usage, "cache_creation_input_tokens");
        return new Usage(input + read + creation, count(usage, "output_tokens"), read, creation, 0);
    }

    /** The numeric field as a long, 0 when absent or not a number (usage counters; never throws). */
    static long count(JsonNode node, String field) {
        return hasCount(node, field) ? Math.max(0, node.get(field).longValue()) : 0;
    }

    /** Whether the numeric field is present. */
    static boolean hasCount(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber();
    }

    /** Claude's {@code input_tokens}: the uncached part of the prompt. */
    static long wireInput(Usage u) {
        return Math.max(0, u.inputTokens() - u.cachedInputTokens() - u.cacheCreationTokens());
    }

    /** Writes the usage fields into {@code target} ({@code output_tokens} as given). */
    static void put(ObjectNode target, Usage u, long outputTokens) {
        target.put("input_tokens", wireInput(u));
        target.put("cache_creation_input_tokens", u.cacheCreationTokens());
        target.put("cache_read_input_tokens", u.cachedInputTokens());
        target.put("output_tokens", outputTokens);
    }

    /** Writes the usage fields with a generator ({@code output_tokens} as given). */
    static void write(JsonGenerator g, Usage u, long outputTokens) throws IOException {
        g.writeNumberField("input_tokens", wireInput(u));
        g.writeNumberField("cache_creation_input_tokens", u.cacheCreationTokens());
        g.writeNumberField("cache_read_input_tokens", u.cachedInputTokens());
        g.writeNumberField("output_tokens", outputTokens);
    }
}
