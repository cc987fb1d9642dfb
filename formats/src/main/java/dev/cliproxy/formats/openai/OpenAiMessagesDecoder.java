package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.Message;
import dev.cliproxy.formats.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code messages} array: system and developer messages are hoisted into the system list, tool (and legacy
 * function) messages become tool results merged into one USER message per run. One instance per request.
 */
final class OpenAiMessagesDecoder {

    final List<ContentPart> system = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    private final List<ContentPart> pendingResults = new ArrayList<>();
    private final Map<String, String> callNames = new HashMap<>();
    private final Map<String, String> legacyCallIds = new HashMap<>();

    void decode(JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new FormatException("messages is required and must be a non-empty array");
        }
        for (int i = 0; i < array.size(); i++) {
            String where = "messages[" + i + "]";
            JsonNode m = array.get(i);
            if (!m.isObject()) {
                throw new FormatException(where + " must be an object");
            }
            String role = JsonFields.requiredText(m, "role", where);
            switch (role) {
                case "system", "developer" -> {
                    flushResults();
                    system.addAll(OpenAiContentDecoder.textOnly(m.get("content"), where));
                }
                case "user" -> {
                    flushResults();
                    messages.add(new Message(Message.Role.USER, userContent(m, where)));
                }
                case "assistant" -> {
                    flushResults();
                    assistant(m, i, where);
                }
                case "tool" -> toolResult(m, where);
                case "function" -> functionResult(m, i, where);
                default -> throw new FormatException(where + ".role '" + role + "' is not supported");
            }
        }
        flushResults();
    }

    private static List<ContentPart> userContent(JsonNode m, String where) {
        JsonNode content = JsonFields.value(m, "content");
        if (content == null) {
            throw new FormatException(where + ".content is required for user messages");
        }
        return OpenAiContentDecoder.parts(content, where);
    }

    private void assistant(JsonNode m, int index, String where) {
        List<ContentPart> parts = new ArrayList<>(OpenAiReasoning.decode(m,
                raw -> Signature.fromClientValue(WireFormat.OPENAI_CHAT, raw)));
        for (ContentPart p : OpenAiContentDecoder.parts(m.get("content"), where)) {
            if (!(p instanceof ContentPart.Text t) || !t.text().isEmpty()) {
                parts.add(p);
            }
        }
        JsonNode calls = JsonFields.array(m, "tool_calls", where);
        if (calls != null) {
            for (int j = 0; j < calls.size(); j++) {
                parts.add(toolCall(calls.get(j), index, j, where + ".tool_calls[" + j + "]"));
            }
        }
        JsonNode legacy = JsonFields.object(m, "function_call", where);
        if (legacy != null) {
            String name = JsonFields.requiredText(legacy, "name", where + ".function_call");
            String id = "call_fn_" + index;
            legacyCallIds.put(name, id);
            callNames.put(id, name);
            parts.add(new ContentPart.ToolCall(id, name, arguments(legacy, where + ".function_call"), null));
        }
        if (!parts.isEmpty()) {
            messages.add(new Message(Message.Role.ASSISTANT, parts));
        }
    }

    private ContentPart toolCall(JsonNode call, int index, int j, String where) {
        if (!call.isObject()) {
            throw new FormatException(where + " must be an object");
        }
        String type = JsonFields.text(call, "type", where);
        if (type != null && !type.equals("function")) {
            throw new FormatException(where + ".type '" + type + "' is not supported (only function tool calls)");
        }
        JsonNode fn = JsonFields.object(call, "function", where);
        if (fn == null) {
            throw new FormatException(where + ".function is required");
        }
        String name = JsonFields.requiredText(fn, "name", where + ".function");
        String id = JsonFields.text(call, "id", where);
        if (id == null || id.isEmpty()) {
            id = "call_missing_" + index + "_" + j;
        }
        callNames.put(id, name);
        Signature signature = Signature.fromClientValue(WireFormat.OPENAI_CHAT, OpenAiWire.thoughtSignature(call));
        return new ContentPart.ToolCall(id, name, arguments(fn, where + ".function"), signature);
    }

    private static String arguments(JsonNode fn, String where) {
        JsonNode args = JsonFields.value(fn, "arguments");
        if (args == null) {
            return "{}";
        }
        if (args.isTextual()) {
            return args.textValue();
        }
        if (args.isObject()) {
            return args.toString();
        }
        throw new FormatException(where + ".arguments must be a JSON string");
    }

    private void toolResult(JsonNode m, String where) {
        String id = JsonFields.requiredText(m, "tool_call_id", where);
        List<ContentPart> content = OpenAiContentDecoder.parts(m.get("content"), where);
        pendingResults.add(new ContentPart.ToolResult(id, callNames.get(id), content, false));
    }

    private void functionResult(JsonNode m, int index, String where) {
        String name = JsonFields.requiredText(m, "name", where);
        String id = legacyCallIds.getOrDefault(name, "call_fn_" + index);
        List<ContentPart> content = OpenAiContentDecoder.parts(m.get("content"), where);
        pendingResults.add(new ContentPart.ToolResult(id, name, content, false));
    }

    private void flushResults() {
        if (!pendingResults.isEmpty()) {
            messages.add(new Message(Message.Role.USER, List.copyOf(pendingResults)));
            pendingResults.clear();
        }
    }
}
