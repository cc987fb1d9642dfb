package dev.cliproxy.formats;

/**
 * Token usage, with OpenAI semantics: {@code inputTokens} counts every prompt token, cached or not;
 * {@code outputTokens} counts every generated token, reasoning included. Codecs convert from and to their format
 * (Claude's {@code input_tokens} excludes cache reads and writes; Gemini's {@code candidatesTokenCount} excludes
 * thoughts).
 *
 * @param inputTokens         all prompt tokens
 * @param outputTokens        all generated tokens
 * @param cachedInputTokens   prompt tokens read from cache (part of {@code inputTokens})
 * @param cacheCreationTokens prompt tokens written to cache (part of {@code inputTokens})
 * @param reasoningTokens     reasoning tokens (part of {@code outputTokens})
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, long cacheCreationTokens,
                    long reasoningTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

    /** Input plus output tokens. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Field-wise maximum: merges partial usage reports of one stream (each field is cumulative upstream). */
    public Usage max(Usage other) {
        if (other == null) {
            return this;
        }
        return new Usage(Math.max(inputTokens, other.inputTokens), Math.max(outputTokens, other.outputTokens),
                Math.max(cachedInputTokens, other.cachedInputTokens),
                Math.max(cacheCreationTokens, other.cacheCreationTokens),
                Math.max(reasoningTokens, other.reasoningTokens));
    }
}
