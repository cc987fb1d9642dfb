package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.ToolChoice;
import dev.cliproxy.formats.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code tools} / legacy {@code functions} and {@code tool_choice} / legacy {@code function_call}. */
final class OpenAiToolsDecoder {

    private OpenAiToolsDecoder() {
    }

    static List<ToolDefinition> tools(JsonNode body) {
        List<ToolDefinition> out = new ArrayList<>();
        JsonNode tools = JsonFields.array(body, "tools", "");
        if (tools != null) {
            for (int i = 0; i < tools.size(); i++) {
                String where = "tools[" + i + "]";
                JsonNode t = tools.get(i);
                if (!t.isObject()) {
                    throw new FormatException(where + " must be an object");
                }
                String type = JsonFields.text(t, "type", where);
                if (type != null && !type.equals("function")) {
                    continue; // custom and built-in tools have no canonical form
                }
                JsonNode fn = JsonFields.object(t, "function", where);
                if (fn == null) {
                    throw new FormatException(where + ".function is required");
                }
                out.add(function(fn, where + ".function"));
            }
        }
        JsonNode functions = JsonFields.array(body, "functions", "");
        if (functions != null) {
            for (int i = 0; i < functions.size(); i++) {
                JsonNode fn = functions.get(i);
                if (!fn.isObject()) {
                    throw new FormatException("functions[" + i + "] must be an object");
                }
                out.add(function(fn, "functions[" + i + "]"));
            }
        }
        return out;
    }

    private static ToolDefinition function(JsonNode fn, String where) {
        String name = JsonFields.requiredText(fn, "name", where);
        if (name.isEmpty()) {
            throw new FormatException(where + ".name must not be empty");
        }
        return new ToolDefinition(name, JsonFields.text(fn, "description", where),
                JsonFields.object(fn, "parameters", where), JsonFields.bool(fn, "strict", where));
    }

    static ToolChoice toolChoice(JsonNode body) {
        JsonNode choice = JsonFields.value(body, "tool_choice");
        if (choice == null) {
            return legacyChoice(JsonFields.value(body, "function_call"));
        }
        if (choice.isTextual()) {
            return mode(choice.textValue(), "tool_choice");
        }
        if (!choice.isObject()) {
            throw new FormatException("tool_choice must be a string or an object");
        }
        String type = JsonFields.requiredText(choice, "type", "tool_choice");
        switch (type) {
            case "function" -> {
                JsonNode fn = JsonFields.object(choice, "function", "tool_choice");
                if (fn == null) {
                    throw new FormatException("tool_choice.function is required");
                }
                return ToolChoice.tool(JsonFields.requiredText(fn, "name", "tool_choice.function"));
            }
            case "allowed_tools" -> {
                JsonNode allowed = JsonFields.object(choice, "allowed_tools", "tool_choice");
                String mode = allowed == null ? null : JsonFields.text(allowed, "mode", "tool_choice.allowed_tools");
                return "required".equals(mode) ? ToolChoice.REQUIRED : ToolChoice.AUTO;
            }
            default -> throw new FormatException("tool_choice.type '" + type + "' is not supported");
        }
    }

    private static ToolChoice legacyChoice(JsonNode fc) {
        if (fc == null) {
            return null;
        }
        if (fc.isTextual()) {
            return mode(fc.textValue(), "function_call");
        }
        if (!fc.isObject()) {
            throw new FormatException("function_call must be a string or an object");
        }
        return ToolChoice.tool(JsonFields.requiredText(fc, "name", "function_call"));
    }

    private static ToolChoice mode(String value, String field) {
        return switch (value) {
            case "auto" -> ToolChoice.AUTO;
            case "none" -> ToolChoice.NONE;
            case "required" -> ToolChoice.REQUIRED;
            default -> throw new FormatException(field + " '" + value + "' is not supported");
        };
    }
}
