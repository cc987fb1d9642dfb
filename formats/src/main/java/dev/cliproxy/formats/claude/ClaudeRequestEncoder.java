package dev.cliproxy.formats.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Sampling;
import dev.cliproxy.formats.ToolChoice;
import dev.cliproxy.formats.ToolDefinition;
import dev.cliproxy.formats.ToolResultPairing;

/**
 * Writes a canonical request for api.anthropic.com.
 *
 * <ul>
 *   <li>{@code max_tokens} is always sent: the client's value, else {@value #DEFAULT_MAX_TOKENS}; with thinking on
 *       it is raised to budget + {@value #THINKING_HEADROOM} when it does not exceed the budget (the API requires
 *       {@code budget_tokens < max_tokens}).</li>
 *   <li>With thinking on, temperature and top_k are left out and top_p only sent when at least 0.95 (the API
 *       rejects other values). Without thinking, temperature is capped at 1 and top_p is only sent when no
 *       temperature is (current models reject both together). Thinking is left out when the last assistant tool
 *       turn has no signed thinking block to start with ({@link ClaudeThinkingTurns}).</li>
 *   <li>Claude has no plain JSON mode: a JSON response format becomes a final system text block asking for
 *       JSON only (with the schema when there is one).</li>
 *   <li>Penalties and seed have no Claude equivalent and are dropped; tool {@code strict} is not sent.</li>
 * </ul>
 */
final class ClaudeRequestEncoder {

    static final int DEFAULT_MAX_TOKENS = 8192;
    static final int THINKING_HEADROOM = 4096;
    private static final double MIN_TOP_P_WITH_THINKING = 0.95;

    private ClaudeRequestEncoder() {
    }

    static byte[] encode(ChatRequest request) {
        ObjectNode body = Json.object();
        body.put("model", request.model());
        ArrayNode messages = new ClaudeMessageEncoder().encode(ToolResultPairing.orphansAsText(request.messages()));
        Integer budget = ClaudeThinking.budgetFor(request);
        if (budget != null && ClaudeThinkingTurns.lastToolTurnUnsigned(messages)) {
            budget = null; // no signed thinking to lead the tool turn with: the API would refuse thinking
        }
        Sampling s = request.sampling();
        int maxTokens = s.maxOutputTokens() != null ? s.maxOutputTokens() : DEFAULT_MAX_TOKENS;
        if (budget != null && maxTokens <= budget) {
            maxTokens = budget + THINKING_HEADROOM;
        }
        body.put("max_tokens", maxTokens);
        ArrayNode system = encodeSystem(request);
        if (messages.isEmpty() && !system.isEmpty()) {
            // a system-only conversation: Claude needs at least one user turn
            ObjectNode user = messages.addObject();
            user.put("role", "user");
            user.set("content", system);
            system = Json.MAPPER.createArrayNode();
        }
        if (!system.isEmpty()) {
            body.set("system", system);
        }
        body.set("messages", messages);
        encodeTools(request, body);
        encodeSampling(s, budget != null, body);
        if (budget != null) {
            ClaudeThinking.write(body, budget);
        }
        if (request.user() != null && !request.user().isEmpty()) {
            body.putObject("metadata").put("user_id", request.user());
        }
        if (request.stream()) {
            body.put("stream", true);
        }
        return Json.write(body);
    }

    private static ArrayNode encodeSystem(ChatRequest request) {
        ArrayNode system = Json.MAPPER.createArrayNode();
        for (ContentPart p : request.system()) {
            if (p instanceof ContentPart.Text t && !t.text().isEmpty()) {
                system.addObject().put("type", "text").put("text", t.text());
            }
        }
        String json = jsonInstruction(request.responseFormat());
        if (json != null) {
            system.addObject().put("type", "text").put("text", json);
        }
        return system;
    }

    /** The system instruction standing in for a JSON response format, or {@code null} for plain text. */
    static String jsonInstruction(ResponseFormat format) {
        if (format == null || format.kind() == ResponseFormat.Kind.TEXT) {
            return null;
        }
        String base = "Respond only with a single valid JSON value: no Markdown code fences and no text before or"
                + " after it.";
        if (format.kind() == ResponseFormat.Kind.JSON_OBJECT || format.schema() == null) {
            return base.replace("JSON value", "JSON object");
        }
        return base + " The JSON must conform to this JSON Schema:\n" + format.schema();
    }

    private static void encodeTools(ChatRequest request, ObjectNode body) {
        if (request.tools().isEmpty()) {
            return;
        }
        ArrayNode tools = body.putArray("tools");
        for (ToolDefinition t : request.tools()) {
            ObjectNode tool = tools.addObject();
            tool.put("name", t.name());
            if (!t.description().isEmpty()) {
                tool.put("description", t.description());
            }
            tool.set("input_schema", inputSchema(t.parameters()));
        }
        ToolChoice choice = request.toolChoice();
        boolean noParallel = Boolean.FALSE.equals(request.parallelToolCalls());
        if (choice == null && !noParallel) {
            return;
        }
        ObjectNode c = body.putObject("tool_choice");
        ToolChoice.Mode mode = choice == null ? ToolChoice.Mode.AUTO : choice.mode();
        switch (mode) {
            case AUTO -> c.put("type", "auto");
            case REQUIRED -> c.put("type", "any");
            case NONE -> c.put("type", "none");
            case TOOL -> c.put("type", "tool").put("name", choice.name());
        }
        if (noParallel && mode != ToolChoice.Mode.NONE) {
            c.put("disable_parallel_tool_use", true);
        }
    }

    /** The tool's schema; an empty object schema when there is none or it is not an object. */
    static JsonNode inputSchema(JsonNode parameters) {
        if (parameters != null && parameters.isObject()) {
            if (parameters.has("type")) {
                return parameters;
            }
            ObjectNode copy = ((ObjectNode) parameters).deepCopy();
            copy.put("type", "object");
            return copy;
        }
        ObjectNode schema = Json.object();
        schema.put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    private static void encodeSampling(Sampling s, boolean thinking, ObjectNode body) {
        if (thinking) {
            if (s.topP() != null && s.topP() >= MIN_TOP_P_WITH_THINKING) {
                body.put("top_p", Math.min(1.0, s.topP()));
            }
        } else {
            if (s.temperature() != null) {
                body.put("temperature", Math.max(0.0, Math.min(1.0, s.temperature())));
            } else if (s.topP() != null) {
                body.put("top_p", s.topP());
            }
            if (s.topK() != null) {
                body.put("top_k", s.topK());
            }
        }
        ArrayNode stops = null;
        for (String stop : s.stop()) {
            if (stop != null && !stop.isBlank()) {
                if (stops == null) {
                    stops = body.putArray("stop_sequences");
                }
                stops.add(stop);
            }
        }
    }
}
