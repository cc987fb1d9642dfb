package dev.cliproxy.api;

import java.util.Objects;

/**
 * A model of a provider's built-in catalogue, as listed by {@code /v1/models} and its Claude and Gemini variants.
 * Immutable; built with {@link #builder(String)} or {@link #of}.
 */
public final class ModelInfo {

    private final String id;
    private final String displayName;
    private final String ownedBy;
    private final long created;
    private final int inputTokenLimit;
    private final int outputTokenLimit;

    private ModelInfo(Builder b) {
        this.id = b.id;
        this.displayName = b.displayName == null || b.displayName.isEmpty() ? b.id : b.displayName;
        this.ownedBy = b.ownedBy;
        this.created = b.created;
        this.inputTokenLimit = b.inputTokenLimit;
        this.outputTokenLimit = b.outputTokenLimit;
    }

    /** A builder for the model {@code id}. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A catalogue entry with only an id and an owner. */
    public static ModelInfo of(String id, String ownedBy) {
        return builder(id).ownedBy(ownedBy).build();
    }

    /** The model id clients request and the upstream understands. */
    public String id() {
        return id;
    }

    /** A human name; defaults to the id. */
    public String displayName() {
        return displayName;
    }

    /** Owner shown in the OpenAI list ({@code anthropic}, {@code google}, {@code openai}...). */
    public String ownedBy() {
        return ownedBy;
    }

    /** Creation time in epoch seconds, 0 when unknown. */
    public long created() {
        return created;
    }

    /** Context window, 0 when unknown. */
    public int inputTokenLimit() {
        return inputTokenLimit;
    }

    /** Maximum output tokens, 0 when unknown. */
    public int outputTokenLimit() {
        return outputTokenLimit;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelInfo m && id.equals(m.id) && displayName.equals(m.displayName)
                && ownedBy.equals(m.ownedBy) && created == m.created && inputTokenLimit == m.inputTokenLimit
                && outputTokenLimit == m.outputTokenLimit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, displayName, ownedBy, created, inputTokenLimit, outputTokenLimit);
    }

    @Override
    public String toString() {
        return "ModelInfo[" + id + "]";
    }

    /** Builds a {@link ModelInfo}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String displayName;
        private String ownedBy = "";
        private long created;
        private int inputTokenLimit;
        private int outputTokenLimit;

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /** See {@link ModelInfo#displayName()}. */
        public Builder displayName(String value) {
            this.displayName = value;
            return this;
        }

        /** See {@link ModelInfo#ownedBy()}. */
        public Builder ownedBy(String value) {
            this.ownedBy = value == null ? "" : value;
            return this;
        }

        /** See {@link ModelInfo#created()}. */
        public Builder created(long epochSeconds) {
            this.created = epochSeconds;
            return this;
        }

        /** See {@link ModelInfo#inputTokenLimit()} and {@link ModelInfo#outputTokenLimit()}. */
        public Builder tokenLimits(int input, int output) {
            this.inputTokenLimit = input;
            this.outputTokenLimit = output;
            return this;
        }

        /** The model. */
        public ModelInfo build() {
            return new ModelInfo(this);
        }
    }
}
