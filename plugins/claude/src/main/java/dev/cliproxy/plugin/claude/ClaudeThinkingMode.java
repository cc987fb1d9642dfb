package dev.cliproxy.plugin.claude;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which thinking configuration a Claude model accepts, by model id. From the Anthropic docs (adaptive thinking,
 * effort, Opus 4.7 migration):
 * <ul>
 *   <li>{@link #ADAPTIVE_ONLY}: Opus 4.7 and later, Sonnet after 4.6, the Fable and Mythos families, and every
 *       model of generation 5 or later. {@code thinking{type:enabled,budget_tokens}} and the sampling parameters
 *       {@code temperature}/{@code top_p}/{@code top_k} are rejected with 400; effort levels low..max plus
 *       {@code xhigh}; thinking text is omitted unless {@code display} asks for it.</li>
 *   <li>{@link #ADAPTIVE_PREFERRED}: Opus 4.6 and Sonnet 4.6. Budgets are deprecated; adaptive thinking with
 *       effort low|medium|high|max is the supported form.</li>
 *   <li>{@link #BUDGET}: everything else (Opus/Sonnet 4.5 and older, Haiku 4.5, unknown ids): only budgets.</li>
 * </ul>
 */
enum ClaudeThinkingMode {
    BUDGET, ADAPTIVE_PREFERRED, ADAPTIVE_ONLY;

    private static final Pattern ID = Pattern.compile(
            "claude-(opus|sonnet|haiku|fable|mythos)(?:-(\\d+))?(?:-(\\d{1,2}))?(?:[-@.].*)?");

    /** The mode of {@code model} (a gateway prefix such as {@code anthropic/} is ignored). */
    static ClaudeThinkingMode of(String model) {
        String id = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return BUDGET;
        }
        String family = m.group(1);
        int major = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int version = major * 100 + minor;
        if (family.equals("fable") || family.equals("mythos") || major >= 5) {
            return ADAPTIVE_ONLY;
        }
        if (family.equals("opus") || family.equals("sonnet")) {
            if (version >= 407) {
                return ADAPTIVE_ONLY;
            }
            if (version == 406) {
                return ADAPTIVE_PREFERRED;
            }
        }
        return BUDGET;
    }

    /** Whether {@code output_config.effort} may be {@code xhigh} (else the level above high is {@code max}). */
    boolean hasXhigh() {
        return this == ADAPTIVE_ONLY;
    }
}
