package dev.cliproxy.formats.claude;

import static dev.cliproxy.formats.JsonFields.object;
import static dev.cliproxy.formats.JsonFields.requiredText;
import static dev.cliproxy.formats.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.ReasoningConfig.Effort;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ToolChoice;

/**
 * Claude thinking configuration both ways.
 *
 * <p>Decode: {@code thinking{type:enabled,budget_tokens}} is a budget; {@code {type:disabled}} is effort NONE;
 * {@code {type:adaptive}} takes {@code output_config.effort} (low|medium|high|xhigh|max), else AUTO;
 * {@code output_config.effort} alone is an effort. {@code display:"omitted"} means includeThoughts false.
 *
 * <p>Encode (api.anthropic.com): any effort or budget other than NONE becomes
 * {@code thinking{type:enabled,budget_tokens:max(1024,budget)}}; AUTO (dynamic) uses {@value #AUTO_BUDGET}. Not
 * sent when the tool choice forces a tool (the API rejects forced tool use with thinking).
 */
final class ClaudeThinking {

    /** The budget sent for AUTO (dynamic) reasoning: the MEDIUM level. */
    static final int AUTO_BUDGET = 8192;
    /** The smallest budget the API accepts. */
    static final int MIN_BUDGET = 1024;

    private ClaudeThinking() {
    }

    static ReasoningConfig decode(JsonNode body) {
        JsonNode outputConfig = object(body, "output_config", "request");
        Effort effort = null;
        String effortText = outputConfig == null ? null : text(outputConfig, "effort", "request.output_config");
        if (effortText != null) {
            effort = Effort.parse(effortText);
            if (effort == null) {
                throw new FormatException("request.output_config.effort: unknown value '" + effortText + "'");
            }
        }
        JsonNode thinking = object(body, "thinking", "request");
        if (thinking == null) {
            return effort == null ? null : ReasoningConfig.ofEffort(effort);
        }
        String display = text(thinking, "display", "request.thinking");
        Boolean include = "omitted".equals(display) ? Boolean.FALSE : Boolean.TRUE;
        String type = requiredText(thinking, "type", "request.thinking");
        return switch (type) {
            case "enabled" -> {
                Integer budget = JsonFields.integer(thinking, "budget_tokens", "request.thinking");
                if (budget == null) {
                    throw new FormatException("request.thinking.budget_tokens: required integer is missing");
                }
                yield new ReasoningConfig(effort, budget, include);
            }
            case "disabled" -> new ReasoningConfig(Effort.NONE, null, Boolean.FALSE);
            case "adaptive" -> new ReasoningConfig(effort == null ? Effort.AUTO : effort, null, include);
            default -> throw new FormatException("request.thinking.type: unknown value '" + type + "'");
        };
    }

    /** The thinking budget to send, or {@code null} when thinking stays off. */
    static Integer budgetFor(ChatRequest request) {
        ReasoningConfig r = request.reasoning();
        if (r == null || r.disabled() || forcesTool(request.toolChoice())) {
            return null;
        }
        Integer budget = r.effectiveBudget();
        if (budget == null) {
            return null;
        }
        return budget < 0 ? AUTO_BUDGET : Math.max(MIN_BUDGET, budget);
    }

    static boolean forcesTool(ToolChoice choice) {
        return choice != null && (choice.mode() == ToolChoice.Mode.REQUIRED || choice.mode() == ToolChoice.Mode.TOOL);
    }

    /**
     * Replaces the thinking of a pass-through body: {@code {type:disabled}} for NONE, else an enabled budget (at
     * least {@value #MIN_BUDGET}, {@value #AUTO_BUDGET} for AUTO) with {@code max_tokens} raised above it and the
     * sampling fields the API refuses beside thinking ({@code temperature}, {@code top_k}) removed.
     */
    static void replace(ObjectNode body, ReasoningConfig reasoning) {
        body.remove("thinking");
        if (body.path("output_config") instanceof ObjectNode oc) {
            oc.remove("effort");
            if (oc.isEmpty()) {
                body.remove("output_config");
            }
        }
        if (reasoning.disabled()) {
            body.putObject("thinking").put("type", "disabled");
            return;
        }
        Integer wanted = reasoning.effectiveBudget();
        int budget = wanted == null || wanted < 0 ? AUTO_BUDGET : Math.max(MIN_BUDGET, wanted);
        if (body.path("max_tokens").asInt(0) <= budget) {
            body.put("max_tokens", budget + ClaudeRequestEncoder.THINKING_HEADROOM);
        }
        body.remove("temperature");
        body.remove("top_k");
        write(body, budget);
    }

    static void write(ObjectNode body, int budget) {
        ObjectNode thinking = body.putObject("thinking");
        thinking.put("type", "enabled");
        thinking.put("budget_tokens", budget);
    }
}
