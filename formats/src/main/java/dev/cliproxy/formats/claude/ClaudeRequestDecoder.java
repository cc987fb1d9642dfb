package dev.cliproxy.formats.claude;

import static dev.cliproxy.formats.JsonFields.array;
import static dev.cliproxy.formats.JsonFields.integer;
import static dev.cliproxy.formats.JsonFields.number;
import static dev.cliproxy.formats.JsonFields.object;
import static dev.cliproxy.formats.JsonFields.requiredText;
import static dev.cliproxy.formats.JsonFields.text;
import static dev.cliproxy.formats.JsonFields.value;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.Message;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Sampling;
import dev.cliproxy.formats.ToolChoice;
import dev.cliproxy.formats.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Messages request (also the count_tokens body, which has no {@code max_tokens}) into a
 * {@link ChatRequest}. Built-in tools (those with a {@code type} other than {@code custom}) and
 * {@code cache_control} markers are ignored. A streaming client always gets usage, so {@code includeUsage}
 * follows {@code stream}.
 */
final class ClaudeRequestDecoder {

    private ClaudeRequestDecoder() {
    }

    static ChatRequest decode(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new FormatException("request body must be a JSON object");
        }
        String model = text(body, "model", "request");
        rejectThreadContinuation(body);
        List<ContentPart> system = new ArrayList<>(decodeSystem(value(body, "system"), "request.system"));
        List<Message> messages = decodeMessages(body, system);
        List<ToolDefinition> tools = decodeTools(array(body, "tools", "request"));
        JsonNode choice = object(body, "tool_choice", "request");
        Boolean parallel = choice != null && Boolean.TRUE.equals(JsonFields.bool(choice, "disable_parallel_tool_use",
                "request.tool_choice")) ? Boolean.FALSE : null;
        boolean stream = Boolean.TRUE.equals(JsonFields.bool(body, "stream", "request"));
        JsonNode metadata = object(body, "metadata", "request");
        String user = metadata == null ? null : text(metadata, "user_id", "request.metadata");
        return new ChatRequest(model, system, messages, tools, decodeToolChoice(choice), decodeSampling(body),
                ClaudeThinking.decode(body), decodeResponseFormat(body), stream, stream, parallel, user);
    }

    /**
     * A {@code thread} of the message-threads beta (the SDKs' tool runner) that continues a thread sends only the new
     * turn and relies on the server's copy of the rest, which a translated upstream does not have. It is refused
     * with {@code thread_not_found}, on which the SDKs send the whole conversation again ({@code create}, which is
     * served like any request).
     */
    private static void rejectThreadContinuation(JsonNode body) {
        JsonNode thread = object(body, "thread", "request");
        if (thread != null && "continue".equals(text(thread, "type", "request.thread"))) {
            throw new FormatException("request.thread: this model's upstream keeps no message threads; send the"
                    + " whole conversation", "thread_not_found");
        }
    }

    private static List<ContentPart> decodeSystem(JsonNode system, String where) {
        if (system == null) {
            return List.of();
        }
        if (system.isTextual()) {
            return system.textValue().isEmpty() ? List.of() : List.of(new ContentPart.Text(system.textValue()));
        }
        if (!system.isArray()) {
            throw new FormatException(where + ": expected a string or an array of text blocks");
        }
        List<ContentPart> out = new ArrayList<>(system.size());
        for (int i = 0; i < system.size(); i++) {
            JsonNode block = system.get(i);
            String path = where + "[" + i + "]";
            if (block == null || !block.isObject() || !"text".equals(text(block, "type", path))) {
                throw new FormatException(path + ": expected a text block");
            }
            out.add(new ContentPart.Text(requiredText(block, "text", path)));
        }
        return out;
    }

    /**
     * The messages; a {@code system} message in the conversation (Claude Code sends them with the
     * {@code mid-conversation-system} beta) is hoisted into {@code system}, in order, as the other codecs do.
     */
    private static List<Message> decodeMessages(JsonNode body, List<ContentPart> system) {
        JsonNode messages = value(body, "messages");
        if (messages == null) {
            throw new FormatException("request.messages: required array is missing");
        }
        if (!messages.isArray()) {
            throw new FormatException("request.messages: expected an array");
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String path = "request.messages[" + i + "]";
            if (m == null || !m.isObject()) {
                throw new FormatException(path + ": expected an object");
            }
            String role = requiredText(m, "role", path);
            if (role.equals("system")) {
                system.addAll(decodeSystem(m.get("content"), path + ".content"));
                continue;
            }
            Message.Role r = switch (role) {
                case "user" -> Message.Role.USER;
                case "assistant" -> Message.Role.ASSISTANT;
                default -> throw new FormatException(path + ".role: expected 'user', 'assistant' or 'system', got '"
                        + role + "'");
            };
            out.add(new Message(r, ClaudeContentDecoder.decodeContent(m.get("content"), path)));
        }
        return out;
    }

    private static List<ToolDefinition> decodeTools(JsonNode tools) {
        if (tools == null) {
            return List.of();
        }
        List<ToolDefinition> out = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            JsonNode t = tools.get(i);
            String path = "request.tools[" + i + "]";
            if (t == null || !t.isObject()) {
                throw new FormatException(path + ": expected an object");
            }
            String type = text(t, "type", path);
            if (type != null && !type.equals("custom")) {
                continue; // a server or built-in tool (web_search_..., bash_..., text_editor_...)
            }
            JsonNode schema = object(t, "input_schema", path);
            JsonNode strict = value(t, "strict");
            out.add(new ToolDefinition(requiredText(t, "name", path), text(t, "description", path), schema,
                    strict != null && strict.isBoolean() ? strict.booleanValue() : null));
        }
        return out;
    }

    private static ToolChoice decodeToolChoice(JsonNode choice) {
        if (choice == null) {
            return null;
        }
        String type = requiredText(choice, "type", "request.tool_choice");
        return switch (type) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.REQUIRED;
            case "none" -> ToolChoice.NONE;
            case "tool" -> ToolChoice.tool(requiredText(choice, "name", "request.tool_choice"));
            default -> throw new FormatException("request.tool_choice.type: unknown value '" + type + "'");
        };
    }

    private static Sampling decodeSampling(JsonNode body) {
        JsonNode stops = array(body, "stop_sequences", "request");
        List<String> stop = new ArrayList<>();
        if (stops != null) {
            for (int i = 0; i < stops.size(); i++) {
                if (!stops.get(i).isTextual()) {
                    throw new FormatException("request.stop_sequences[" + i + "]: expected a string");
                }
                stop.add(stops.get(i).textValue());
            }
        }
        Integer maxTokens = integer(body, "max_tokens", "request");
        if (maxTokens != null && maxTokens < 0) {
            throw new FormatException("request.max_tokens: must not be negative");
        }
        return new Sampling(number(body, "temperature", "request"), number(body, "top_p", "request"),
                integer(body, "top_k", "request"), maxTokens, stop, null, null, null);
    }

    /** {@code output_config.format} (or the older {@code output_format}) of type {@code json_schema}. */
    private static ResponseFormat decodeResponseFormat(JsonNode body) {
        JsonNode outputConfig = object(body, "output_config", "request");
        String path = "request.output_config";
        JsonNode format = outputConfig == null ? null : object(outputConfig, "format", path);
        if (format == null) {
            path = "request";
            format = object(body, "output_format", path);
        }
        if (format == null) {
            return null;
        }
        String type = requiredText(format, "type", path + ".format");
        if (!type.equals("json_schema")) {
            throw new FormatException(path + ".format.type: unsupported value '" + type + "'");
        }
        return new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, null,
                JsonFields.requiredObject(format, "schema", path + ".format"), null);
    }
}
