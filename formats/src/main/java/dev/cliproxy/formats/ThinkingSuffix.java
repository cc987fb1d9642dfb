package dev.cliproxy.formats;

/**
 * A thinking setting written after a model name, as coding CLIs let users type it: {@code gpt-5(high)} (a level:
 * none, minimal, low, medium, high, xhigh, max, auto), {@code claude-sonnet-4(16384)} (a token budget; -1 is
 * auto, 0 is none), on any model name in any client format. {@link #parse} splits the name from the setting; the
 * setting replaces whatever reasoning fields the request body has and reaches each upstream format through its
 * encoder, which converts levels and budgets with the {@link ReasoningConfig.Effort} table and clamps them to what
 * that format and model accept.
 *
 * @param model     the model name without the suffix
 * @param reasoning the setting, or {@code null} when the name has no (valid) suffix
 */
public record ThinkingSuffix(String model, ReasoningConfig reasoning) {

    /** The largest budget a suffix may ask for; larger numbers are clamped to it. */
    public static final int MAX_BUDGET = 128_000;

    /** Splits {@code name} into model and setting; a name without a valid suffix is returned whole. */
    public static ThinkingSuffix parse(String name) {
        int open = name.lastIndexOf('(');
        if (open <= 0 || !name.endsWith(")")) {
            return new ThinkingSuffix(name, null);
        }
        String value = name.substring(open + 1, name.length() - 1).trim();
        ReasoningConfig reasoning = setting(value);
        return reasoning == null ? new ThinkingSuffix(name, null)
                : new ThinkingSuffix(name.substring(0, open).trim(), reasoning);
    }

    private static ReasoningConfig setting(String value) {
        if (value.matches("-?\\d{1,9}")) {
            int budget = Integer.parseInt(value);
            if (budget < 0) {
                return ReasoningConfig.ofEffort(ReasoningConfig.Effort.AUTO);
            }
            return budget == 0 ? ReasoningConfig.ofEffort(ReasoningConfig.Effort.NONE)
                    : ReasoningConfig.ofBudget(Math.min(budget, MAX_BUDGET));
        }
        ReasoningConfig.Effort effort = ReasoningConfig.Effort.parse(value);
        return effort == null ? null : ReasoningConfig.ofEffort(effort);
    }
}
