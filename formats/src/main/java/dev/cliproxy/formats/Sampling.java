package dev.cliproxy.formats;

import java.util.List;

/**
 * Sampling parameters; every field is {@code null} when the client did not set it.
 *
 * @param temperature      sampling temperature
 * @param topP             nucleus sampling
 * @param topK             top-k sampling (Claude, Gemini)
 * @param maxOutputTokens  maximum tokens to generate
 * @param stop             stop sequences
 * @param presencePenalty  OpenAI presence penalty
 * @param frequencyPenalty OpenAI frequency penalty
 * @param seed             sampling seed
 */
public record Sampling(Double temperature, Double topP, Integer topK, Integer maxOutputTokens, List<String> stop,
                       Double presencePenalty, Double frequencyPenalty, Long seed) {

    /** No parameter set. */
    public static final Sampling NONE = new Sampling(null, null, null, null, null, null, null, null);

    public Sampling {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }
}
