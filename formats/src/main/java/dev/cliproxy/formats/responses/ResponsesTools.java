package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.ToolChoice;
import dev.cliproxy.formats.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes Responses {@code tools} and {@code tool_choice}. */
final class ResponsesTools {

    private ResponsesTools() {
    }

    /** Function and custom tools; OpenAI built-in tools (web_search, file_search...) are not translatable. */
    static List<ToolDefinition> decodeTools(JsonNode tools) {
        List<ToolDefinition> out = new ArrayList<>();
        if (tools == null) {
            return out;
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String where = "tools[" + i + "]";
            if (tool == null || !tool.isObject()) {
                throw new FormatException(where + " must be an object");
            }
            String type = JsonFields.requiredText(tool, "type", where);
            if (type.equals("function")) {
                // tolerate the Chat Completions nesting {type:function, function:{...}} some clients send
                JsonNode fn = tool.has("function") && tool.get("function").isObject() ? tool.get("function") : tool;
                out.add(new ToolDefinition(JsonFields.requiredText(fn, "name", where),
                        JsonFields.text(fn, "description", where), JsonFields.object(fn, "parameters", where),
                        JsonFields.bool(fn, "strict", where)));
            } else if (type.equals("custom")) {
                out.add(customTool(tool, where));
            }
        }
        return out;
    }

    /**
     * A freeform custom tool (Codex {@code apply_patch}) is offered to other models as a function with one string
     * argument {@code input}; its grammar, if any, cannot be carried and only the description guides the model.
     */
    private static ToolDefinition customTool(JsonNode tool, String where) {
        ObjectNode params = Json.object();
        params.put("type", "object");
        params.putObject("properties").putObject("input").put("type", "string")
                .put("description", "The raw input text for this tool.");
        params.putArray("required").add("input");
        params.put("additionalProperties", false);
        return new ToolDefinition(JsonFields.requiredText(tool, "name", where),
                JsonFields.text(tool, "description", where), params, null);
    }

    static ToolChoice decodeChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.textValue()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw new FormatException("request.tool_choice '" + choice.textValue()
                        + "' is not one of auto, none, required");
            };
        }
        if (!choice.isObject()) {
            throw JsonFields.wrongType("request", "tool_choice", "a string or an object");
        }
        String type = JsonFields.requiredText(choice, "type", "tool_choice");
        return switch (type) {
            case "function", "custom" -> ToolChoice.tool(JsonFields.requiredText(choice, "name", "tool_choice"));
            case "allowed_tools" -> "required".equals(JsonFields.text(choice, "mode", "tool_choice"))
                    ? ToolChoice.REQUIRED : ToolChoice.AUTO;
            default -> null; // a forced built-in tool cannot be honoured by other models: leave the choice open
        };
    }

    /**
     * Function tools. {@code strict} defaults to {@code false}: the Responses API would otherwise assume strict
     * mode, which rejects ordinary schemas (optional properties, no {@code additionalProperties:false}).
     */
    static void encodeTools(List<ToolDefinition> tools, ArrayNode out) {
        for (ToolDefinition t : tools) {
            ObjectNode tool = out.addObject();
            tool.put("type", "function");
            tool.put("name", t.name());
            if (!t.description().isEmpty()) {
                tool.put("description", t.description());
            }
            if (t.parameters() != null && t.parameters().isObject()) {
                tool.set("parameters", t.parameters());
            } else {
                ObjectNode empty = tool.putObject("parameters");
                empty.put("type", "object");
                empty.putObject("properties");
            }
            tool.put("strict", Boolean.TRUE.equals(t.strict()));
        }
    }

    /** The wire value of a tool choice. */
    static JsonNode encodeChoice(ToolChoice choice) {
        return switch (choice.mode()) {
            case AUTO -> Json.MAPPER.getNodeFactory().textNode("auto");
            case NONE -> Json.MAPPER.getNodeFactory().textNode("none");
            case REQUIRED -> Json.MAPPER.getNodeFactory().textNode("required");
            case TOOL -> Json.object().put("type", "function").put("name", choice.name());
        };
    }
}
