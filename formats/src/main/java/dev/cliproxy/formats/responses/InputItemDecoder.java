package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.Message;
import dev.cliproxy.formats.Signature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code input} item list into canonical messages. System and developer messages are hoisted into the
 * system list in order. Consecutive assistant-side items (reasoning, assistant messages, function calls) form one
 * assistant turn, and consecutive function-call outputs one user turn of tool results.
 */
final class InputItemDecoder {

    private final List<ContentPart> system;
    private final List<Message> messages = new ArrayList<>();
    private Message.Role openRole;
    private List<ContentPart> openParts;
    private boolean openHoldsToolResults;

    /** @param system receives hoisted system/developer parts (the caller put {@code instructions} first) */
    InputItemDecoder(List<ContentPart> system) {
        this.system = system;
    }

    /** Decodes the whole {@code input} value: a string (one user message) or an item array. */
    List<Message> decode(JsonNode input) {
        if (input == null || input.isNull()) {
            throw new FormatException("input is required");
        }
        if (input.isTextual()) {
            return List.of(Message.text(Message.Role.USER, input.textValue()));
        }
        if (!input.isArray()) {
            throw new FormatException("input must be a string or an array of items");
        }
        for (int i = 0; i < input.size(); i++) {
            item(input.get(i), "input[" + i + "]");
        }
        flush();
        return messages;
    }

    private void item(JsonNode item, String where) {
        if (item == null || !item.isObject()) {
            throw new FormatException(where + " must be an object");
        }
        String type = JsonFields.text(item, "type", where);
        switch (type == null ? "message" : type) {
            case "message" -> message(item, where);
            case "function_call" -> assistantPart(functionCall(item, where));
            case "function_call_output" -> toolResult(item, where);
            case "custom_tool_call" -> assistantPart(customToolCall(item, where));
            case "custom_tool_call_output" -> toolResult(item, where);
            case "reasoning" -> reasoning(item, where);
            case "item_reference" -> throw new FormatException(where + ": item_reference needs stored responses,"
                    + " which this proxy does not keep; send the items themselves");
            default -> {
                // Built-in tool items (web_search_call, local_shell_call and its output, image_generation_call,
                // mcp_*, computer_call, compaction...) only mean something to OpenAI's own servers and have no
                // canonical form; they are skipped, the rest of the conversation is kept.
            }
        }
    }

    private void message(JsonNode item, String where) {
        String role = JsonFields.requiredText(item, "role", where);
        List<ContentPart> parts = ContentDecoder.content(item.get("content"), where);
        switch (role) {
            case "system", "developer" -> system.addAll(parts);
            case "user" -> {
                flush();
                if (!parts.isEmpty()) {
                    messages.add(new Message(Message.Role.USER, parts));
                }
            }
            case "assistant" -> parts.forEach(this::assistantPart);
            default -> throw new FormatException(where + ".role '" + role + "' is not one of user, assistant,"
                    + " system, developer");
        }
    }

    private static ContentPart functionCall(JsonNode item, String where) {
        String callId = callId(item, where);
        String name = JsonFields.requiredText(item, "name", where);
        JsonNode args = item.get("arguments");
        String arguments;
        if (args == null || args.isNull()) {
            arguments = "{}";
        } else if (args.isTextual()) {
            arguments = args.textValue();
        } else if (args.isObject()) {
            arguments = new String(Json.write(args), StandardCharsets.UTF_8);
        } else {
            throw JsonFields.wrongType(where, "arguments", "a JSON string");
        }
        return new ContentPart.ToolCall(callId, name, arguments, null);
    }

    /** A freeform custom tool call becomes a function call whose one argument {@code input} holds the text. */
    private static ContentPart customToolCall(JsonNode item, String where) {
        String callId = callId(item, where);
        String name = JsonFields.requiredText(item, "name", where);
        String input = JsonFields.text(item, "input", where);
        ObjectNode args = Json.object();
        args.put("input", input == null ? "" : input);
        return new ContentPart.ToolCall(callId, name, new String(Json.write(args), StandardCharsets.UTF_8), null);
    }

    private void toolResult(JsonNode item, String where) {
        String callId = JsonFields.requiredText(item, "call_id", where);
        JsonNode output = item.get("output");
        List<ContentPart> content = ContentDecoder.toolOutput(output, where);
        boolean isError = output != null && output.isObject() && Boolean.FALSE.equals(
                JsonFields.bool(output, "success", where + ".output"));
        ContentPart result = new ContentPart.ToolResult(callId, null, content, isError);
        if (openRole == Message.Role.USER && openHoldsToolResults) {
            openParts.add(result);
            return;
        }
        flush();
        open(Message.Role.USER);
        openHoldsToolResults = true;
        openParts.add(result);
    }

    private void reasoning(JsonNode item, String where) {
        String text = joinTexts(JsonFields.array(item, "summary", where), where + ".summary");
        if (text.isEmpty()) {
            text = joinTexts(JsonFields.array(item, "content", where), where + ".content");
        }
        Signature signature = Signature.fromClientValue(WireFormat.OPENAI_RESPONSES,
                JsonFields.text(item, "encrypted_content", where));
        if (text.isEmpty() && signature == null) {
            return; // nothing a model could use
        }
        assistantPart(new ContentPart.Reasoning(text, signature, null));
    }

    /** The {@code text} of each entry, joined by blank lines (how summary parts read as one text). */
    private static String joinTexts(JsonNode entries, String where) {
        if (entries == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            if (e == null || !e.isObject()) {
                throw new FormatException(where + "[" + i + "] must be an object");
            }
            String t = JsonFields.requiredText(e, "text", where + "[" + i + "]");
            if (!sb.isEmpty()) {
                sb.append("\n\n");
            }
            sb.append(t);
        }
        return sb.toString();
    }

    private static String callId(JsonNode item, String where) {
        String callId = JsonFields.text(item, "call_id", where);
        if (callId == null) {
            callId = JsonFields.text(item, "id", where);
        }
        if (callId == null) {
            throw new FormatException(where + ".call_id is required");
        }
        return callId;
    }

    private void assistantPart(ContentPart part) {
        if (openRole != Message.Role.ASSISTANT) {
            flush();
            open(Message.Role.ASSISTANT);
        }
        openParts.add(part);
    }

    private void open(Message.Role role) {
        openRole = role;
        openParts = new ArrayList<>();
        openHoldsToolResults = false;
    }

    private void flush() {
        if (openRole != null && !openParts.isEmpty()) {
            messages.add(new Message(openRole, openParts));
        }
        openRole = null;
        openParts = null;
        openHoldsToolResults = false;
    }
}
