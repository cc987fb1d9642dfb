package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.Message;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Sampling;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a client {@code POST /v1/responses} body into a {@link ChatRequest}. {@code previous_response_id} cannot
 * be honoured (nothing is stored) and is ignored; built-in tools (web search, file search...) are ignored too.
 */
final class ResponsesRequestDecoder {

    private static final String REQ = "request";

    private ResponsesRequestDecoder() {
    }

    static ChatRequest decode(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new FormatException("request body must be a JSON object");
        }
        String model = JsonFields.requiredText(body, "model", REQ);
        List<ContentPart> system = new ArrayList<>();
        instructions(body.get("instructions"), system);
        List<Message> messages = new InputItemDecoder(system).decode(body.get("input"));
        Sampling sampling = new Sampling(JsonFields.number(body, "temperature", REQ),
                JsonFields.number(body, "top_p", REQ), null, JsonFields.integer(body, "max_output_tokens", REQ),
                null, null, null, null);
        Boolean stream = JsonFields.bool(body, "stream", REQ);
        String user = JsonFields.text(body, "user", REQ);
        if (user == null) {
            user = JsonFields.text(body, "safety_identifier", REQ);
        }
        // Responses always reports usage at the end of a stream, so usage is always wanted from the upstream.
        return new ChatRequest(model, system, messages,
                ResponsesTools.decodeTools(JsonFields.array(body, "tools", REQ)),
                ResponsesTools.decodeChoice(body.get("tool_choice")), sampling,
                reasoning(JsonFields.object(body, "reasoning", REQ)),
                responseFormat(JsonFields.object(body, "text", REQ)), Boolean.TRUE.equals(stream), true,
                JsonFields.bool(body, "parallel_tool_calls", REQ), user);
    }

    private static void instructions(JsonNode instructions, List<ContentPart> system) {
        if (instructions == null || instructions.isNull()) {
            return;
        }
        if (instructions.isTextual()) {
            if (!instructions.textValue().isEmpty()) {
                system.add(new ContentPart.Text(instructions.textValue()));
            }
            return;
        }
        if (!instructions.isArray()) {
            throw JsonFields.wrongType(REQ, "instructions", "a string");
        }
        // The response object shows instructions as a list of messages; accept that form back.
        for (int i = 0; i < instructions.size(); i++) {
            JsonNode item = instructions.get(i);
            String where = "instructions[" + i + "]";
            if (item != null && item.isObject() && item.has("content")) {
                system.addAll(ContentDecoder.content(item.get("content"), where));
            } else {
                system.add(ContentDecoder.part(item, where));
            }
        }
    }

    private static ReasoningConfig reasoning(JsonNode reasoning) {
        if (reasoning == null) {
            return null;
        }
        String effortText = JsonFields.text(reasoning, "effort", "reasoning");
        ReasoningConfig.Effort effort = ReasoningConfig.Effort.parse(effortText);
        if (effortText != null && effort == null) {
            throw new FormatException("reasoning.effort '" + effortText + "' is not a known effort level");
        }
        String summary = JsonFields.text(reasoning, "summary", "reasoning");
        if (summary == null) {
            summary = JsonFields.text(reasoning, "generate_summary", "reasoning");
        }
        Boolean includeThoughts = summary == null ? null : !summary.equals("none");
        if (effort == null && includeThoughts == null) {
            return null;
        }
        return new ReasoningConfig(effort, null, includeThoughts);
    }

    private static ResponseFormat responseFormat(JsonNode text) {
        if (text == null) {
            return null;
        }
        JsonNode format = JsonFields.object(text, "format", "text");
        if (format == null) {
            return null;
        }
        String type = JsonFields.requiredText(format, "type", "text.format");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null);
            case "json_schema" -> new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA,
                    JsonFields.text(format, "name", "text.format"), JsonFields.object(format, "schema", "text.format"),
                    JsonFields.bool(format, "strict", "text.format"));
            default -> throw new FormatException("text.format.type '" + type + "' is not one of text, json_object,"
                    + " json_schema");
        };
    }
}
