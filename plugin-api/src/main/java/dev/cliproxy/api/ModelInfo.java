package dev.cliproxy.api;

import java.util.Objects;

/**
 * A model of a provider's built-in catalogue, as listed by {@code /v1/models} and its Claude and Gemini variants.
 *
 * @param id              the model id clients request and the upstream understands
 * @param displayName     a human name; defaults to the id
 * @param ownedBy         owner shown in the OpenAI list ({@code anthropic}, {@code google}, {@code openai}...)
 * @param created         creation time in epoch seconds, 0 when unknown
 * @param inputTokenLimit context window, 0 when unknown
 * @param outputTokenLimit maximum output tokens, 0 when unknown
 */
public record ModelInfo(String id, String displayName, String ownedBy, long created, int inputTokenLimit,
                        int outputTokenLimit) {

    public ModelInfo {
        Objects.requireNonNull(id, "id");
        displayName = displayName == null || displayName.isEmpty() ? id : displayName;
        ownedBy = ownedBy == null ? "" : ownedBy;
    }

    /** A catalogue entry with only an id and an owner. */
    public static ModelInfo of(String id, String ownedBy) {
        return new ModelInfo(id, id, ownedBy, 0, 0, 0);
    }
}
