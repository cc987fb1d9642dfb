package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.ReasoningConfig.Effort;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Sampling;
import java.util.ArrayList;
import java.util.List;

/** Reads a Chat Completions request body into a {@link ChatRequest}. */
final class OpenAiRequestDecoder {

    private static final String ROOT = "";

    private OpenAiRequestDecoder() {
    }

    static ChatRequest decode(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new FormatException("request body must be a JSON object");
        }
        Integer n = JsonFields.integer(body, "n", ROOT);
        if (n != null && n != 1) {
            throw new FormatException("n must be 1: several choices are not supported");
        }
        OpenAiMessagesDecoder messages = new OpenAiMessagesDecoder();
        messages.decode(body.get("messages"));
        boolean stream = Boolean.TRUE.equals(JsonFields.bool(body, "stream", ROOT));
        JsonNode streamOptions = JsonFields.object(body, "stream_options", ROOT);
        boolean includeUsage = stream && streamOptions != null
                && Boolean.TRUE.equals(JsonFields.bool(streamOptions, "include_usage", "stream_options"));
        return new ChatRequest(
                JsonFields.text(body, "model", ROOT),
                messages.system,
                messages.messages,
                OpenAiToolsDecoder.tools(body),
                OpenAiToolsDecoder.toolChoice(body),
                sampling(body),
                reasoning(body),
                responseFormat(body),
                stream,
                includeUsage,
                JsonFields.bool(body, "parallel_tool_calls", ROOT),
                user(body));
    }

    /** {@code user}, or its newer replacement {@code safety_identifier}. */
    private static String user(JsonNode body) {
        String user = JsonFields.text(body, "user", ROOT);
        return user != null ? user : JsonFields.text(body, "safety_identifier", ROOT);
    }

    private static Sampling sampling(JsonNode body) {
        Integer max = JsonFields.integer(body, "max_completion_tokens", ROOT);
        if (max == null) {
            max = JsonFields.integer(body, "max_tokens", ROOT);
        }
        return new Sampling(
                JsonFields.number(body, "temperature", ROOT),
                JsonFields.number(body, "top_p", ROOT),
                JsonFields.integer(body, "top_k", ROOT),
                max,
                stop(body),
                JsonFields.number(body, "presence_penalty", ROOT),
                JsonFields.number(body, "frequency_penalty", ROOT),
                JsonFields.longInteger(body, "seed", ROOT));
    }

    private static List<String> stop(JsonNode body) {
        JsonNode stop = JsonFields.value(body, "stop");
        if (stop == null) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.textValue());
        }
        if (!stop.isArray()) {
            throw new FormatException("stop must be a string or an array of strings");
        }
        List<String> out = new ArrayList<>(stop.size());
        for (JsonNode s : stop) {
            if (!s.isTextual()) {
                throw new FormatException("stop must be a string or an array of strings");
            }
            out.add(s.textValue());
        }
        return out;
    }

    private static ReasoningConfig reasoning(JsonNode body) {
        String effort = JsonFields.text(body, "reasoning_effort", ROOT);
        if (effort != null) {
            return ReasoningConfig.ofEffort(parseEffort(effort, "reasoning_effort"));
        }
        // OpenRouter-style {"reasoning":{"effort"|"max_tokens"|"enabled"}}, sent by some OpenAI-compatible clients
        JsonNode r = JsonFields.object(body, "reasoning", ROOT);
        if (r == null) {
            return null;
        }
        String level = JsonFields.text(r, "effort", "reasoning");
        Integer budget = JsonFields.integer(r, "max_tokens", "reasoning");
        if (Boolean.FALSE.equals(JsonFields.bool(r, "enabled", "reasoning"))) {
            return ReasoningConfig.ofEffort(Effort.NONE);
        }
        if (level == null && budget == null) {
            return null;
        }
        return new ReasoningConfig(level == null ? null : parseEffort(level, "reasoning.effort"), budget, null);
    }

    private static Effort parseEffort(String value, String field) {
        Effort e = Effort.parse(value);
        if (e == null) {
            throw new FormatException(field + " '" + value + "' is not supported");
        }
        return e;
    }

    private static ResponseFormat responseFormat(JsonNode body) {
        JsonNode rf = JsonFields.object(body, "response_format", ROOT);
        if (rf == null) {
            return null;
        }
        String type = JsonFields.requiredText(rf, "type", "response_format");
        return switch (type) {
            case "text" -> new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null);
            case "json_object" -> new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null);
            case "json_schema" -> {
                JsonNode js = JsonFields.object(rf, "json_schema", "response_format");
                if (js == null) {
                    throw new FormatException("response_format.json_schema is required for type json_schema");
                }
                String where = "response_format.json_schema";
                yield new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, JsonFields.text(js, "name", where),
                        JsonFields.object(js, "schema", where), JsonFields.bool(js, "strict", where));
            }
            default -> throw new FormatException("response_format.type '" + type + "' is not supported");
        };
    }
}
