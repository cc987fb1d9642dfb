package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ReasoningConfig.Effort;
import dev.cliproxy.formats.ReasoningConfig;
import java.util.Locale;

/**
 * Writes {@code generationConfig.thinkingConfig}. Gemini 3 models take {@code thinkingLevel}: Flash models accept
 * {@code minimal, low, medium, high}, the others only {@code low, high}; thinking cannot be switched off there, so
 * "none" asks for the lowest level without thoughts. Earlier models take {@code thinkingBudget} (-1 dynamic, 0 off;
 * 2.5 Pro cannot go below 128, Flash models not above 24576). {@code includeThoughts} is true unless reasoning is
 * disabled or the client said otherwise.
 */
final class GeminiThinking {

    static final int FLASH_MAX_BUDGET = 24576;
    static final int PRO_MIN_BUDGET = 128;

    private GeminiThinking() {
    }

    static void write(ReasoningConfig reasoning, String model, ObjectNode gc) {
        if (reasoning == null) {
            return;
        }
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        boolean flash = m.contains("flash");
        ObjectNode tc = gc.putObject("thinkingConfig");
        if (m.contains("gemini-3")) {
            String level = level(reasoning.effectiveEffort(), flash);
            if (level != null) {
                tc.put("thinkingLevel", level);
            }
        } else {
            Integer budget = reasoning.effectiveBudget();
            if (budget != null) {
                tc.put("thinkingBudget", clamp(budget, m, flash));
            }
        }
        boolean include = reasoning.includeThoughts() != null ? reasoning.includeThoughts() : !reasoning.disabled();
        tc.put("includeThoughts", include && !reasoning.disabled());
    }

    /** The Gemini 3 level for an effort; {@code null} (model default, dynamic) for auto or unknown. */
    static String level(Effort effort, boolean flash) {
        if (effort == null) {
            return null;
        }
        return switch (effort) {
            case AUTO -> null;
            case NONE, MINIMAL -> flash ? "minimal" : "low";
            case LOW -> "low";
            case MEDIUM -> flash ? "medium" : "high";
            case HIGH, XHIGH -> "high";
        };
    }

    private static int clamp(int budget, String model, boolean flash) {
        if (budget >= 0 && budget < PRO_MIN_BUDGET && model.contains("2.5-pro")) {
            return PRO_MIN_BUDGET;
        }
        if (flash && budget > FLASH_MAX_BUDGET) {
            return FLASH_MAX_BUDGET;
        }
        return budget;
    }
}
