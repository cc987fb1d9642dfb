package dev.cliproxy.formats;

/**
 * What the client asked of the model's reasoning: an effort level, a token budget, or both. Formats that speak
 * levels (OpenAI, Responses, Gemini 3 {@code thinkingLevel}) and formats that speak budgets (Claude, Gemini 2.5
 * {@code thinkingBudget}) convert through {@link #effectiveEffort()} and {@link #effectiveBudget()}.
 *
 * @param effort          the level, or {@code null}
 * @param budgetTokens    the budget, or {@code null}; -1 means dynamic (auto), 0 means off
 * @param includeThoughts whether reasoning text/summaries should be returned; {@code null} when unspecified
 */
public record ReasoningConfig(Effort effort, Integer budgetTokens, Boolean includeThoughts) {

    /** Reasoning effort levels, with the budget each stands for. */
    public enum Effort {
        NONE(0), MINIMAL(512), LOW(1024), MEDIUM(8192), HIGH(24576), XHIGH(32768), AUTO(-1);

        private final int budget;

        Effort(int budget) {
            this.budget = budget;
        }

        /** The token budget this level stands for (-1 for dynamic). */
        public int budget() {
            return budget;
        }

        /** The lower-case wire name ({@code "xhigh"}...). */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Parses a wire name ({@code max} reads as {@link #XHIGH}); {@code null} when unknown. */
        public static Effort parse(String s) {
            if (s == null) {
                return null;
            }
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "none", "disabled", "off" -> NONE;
                case "minimal" -> MINIMAL;
                case "low" -> LOW;
                case "medium" -> MEDIUM;
                case "high" -> HIGH;
                case "xhigh", "max" -> XHIGH;
                case "auto", "dynamic" -> AUTO;
                default -> null;
            };
        }

        /** The level a budget stands for: -1 auto, 0 none, up to 512 minimal, 1024 low, 8192 medium, 24576 high. */
        public static Effort forBudget(int budget) {
            if (budget < 0) {
                return AUTO;
            }
            if (budget == 0) {
                return NONE;
            }
            if (budget <= 512) {
                return MINIMAL;
            }
            if (budget <= 1024) {
                return LOW;
            }
            if (budget <= 8192) {
                return MEDIUM;
            }
            if (budget <= 24576) {
                return HIGH;
            }
            return XHIGH;
        }
    }

    /** A config with only an effort level. */
    public static ReasoningConfig ofEffort(Effort effort) {
        return new ReasoningConfig(effort, null, null);
    }

    /** A config with only a budget. */
    public static ReasoningConfig ofBudget(int budget) {
        return new ReasoningConfig(null, budget, null);
    }

    /** The effort, derived from the budget when only a budget was given. */
    public Effort effectiveEffort() {
        if (effort != null) {
            return effort;
        }
        return budgetTokens == null ? null : Effort.forBudget(budgetTokens);
    }

    /** The budget, derived from the effort when only an effort was given; {@code null} when neither is set. */
    public Integer effectiveBudget() {
        if (budgetTokens != null) {
            return budgetTokens;
        }
        return effort == null ? null : effort.budget();
    }

    /** Whether reasoning is explicitly switched off. */
    public boolean disabled() {
        Effort e = effectiveEffort();
        return e == Effort.NONE;
    }
}
