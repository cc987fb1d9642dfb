package dev.cliproxy.plugin.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ReasoningConfig.Effort;
import java.util.Set;

/**
 * Fits a Messages body to the model and the endpoint:
 * <ul>
 *   <li>On models that take adaptive thinking ({@link ClaudeThinkingMode}), a budget
 *       ({@code thinking{type:enabled,budget_tokens}}) becomes {@code thinking{type:adaptive}} with the budget's
 *       level as {@code output_config.effort} (unless the body already has one); on adaptive-only models the
 *       thinking summary is asked for ({@code display:summarized}, their default being omitted) and
 *       {@code temperature}, {@code top_p} and {@code top_k}, which they reject, are removed.</li>
 *   <li>For token counting only the fields {@code count_tokens} accepts are kept (it rejects {@code max_tokens},
 *       {@code stream}, sampling and metadata).</li>
 * </ul>
 * Bodies needing none of this are returned unchanged, byte for byte.
 */
final class ClaudeRequestAdapter {

    static final ClaudeRequestAdapter INSTANCE = new ClaudeRequestAdapter();

    private static final Set<String> COUNT_FIELDS = Set.of("model", "messages", "system", "tools", "tool_choice",
            "thinking", "mcp_servers", "context_management");
    private static final String[] SAMPLING = {"temperature", "top_p", "top_k"};

    /** The body to send for {@code call}: {@code body} itself when nothing changes. */
    byte[] adapt(UpstreamCall call, byte[] body) {
        ClaudeThinkingMode mode = ClaudeThinkingMode.of(call.model());
        boolean count = call.operation() == Operation.COUNT_TOKENS;
        if (!count && mode == ClaudeThinkingMode.BUDGET) {
            return body;
        }
        if (!(Json.parse(body) instanceof ObjectNode root)) {
            return body;
        }
        boolean changed = mode != ClaudeThinkingMode.BUDGET && adaptive(root, mode);
        if (count) {
            int before = root.size();
            changed |= root.retain(COUNT_FIELDS).size() != before;
        }
        return changed ? Json.write(root) : body;
    }

    private static boolean adaptive(ObjectNode root, ClaudeThinkingMode mode) {
        boolean changed = false;
        if (mode == ClaudeThinkingMode.ADAPTIVE_ONLY) {
            for (String field : SAMPLING) {
                changed |= root.remove(field) != null;
            }
        }
        JsonNode thinking = root.get("thinking");
        if (thinking == null || !"enabled".equals(thinking.path("type").asText())) {
            return changed;
        }
        Effort level = Effort.forBudget(thinking.path("budget_tokens").asInt(Effort.MEDIUM.budget()));
        ObjectNode adaptive = root.putObject("thinking").put("type", "adaptive");
        if (thinking.has("display")) {
            adaptive.set("display", thinking.get("display"));
        } else if (mode == ClaudeThinkingMode.ADAPTIVE_ONLY) {
            adaptive.put("display", "summarized");
        }
        JsonNode config = root.get("output_config");
        ObjectNode outputConfig = config instanceof ObjectNode o ? o : root.putObject("output_config");
        if (!outputConfig.has("effort")) {
            outputConfig.put("effort", effort(level, mode));
        }
        return true;
    }

    /** The {@code output_config.effort} value for a canonical level. */
    static String effort(Effort level, ClaudeThinkingMode mode) {
        return switch (level) {
            case NONE, MINIMAL, LOW -> "low";
            case MEDIUM, AUTO -> "medium";
            case HIGH -> "high";
            case XHIGH -> mode.hasXhigh() ? "xhigh" : "max";
        };
    }
}
