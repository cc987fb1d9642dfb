package dev.cliproxy.formats.gemini;

import static dev.cliproxy.formats.gemini.GeminiField.ALLOWED_FUNCTION_NAMES;
import static dev.cliproxy.formats.gemini.GeminiField.DESCRIPTION;
import static dev.cliproxy.formats.gemini.GeminiField.FREQUENCY_PENALTY;
import static dev.cliproxy.formats.gemini.GeminiField.FUNCTION_CALLING_CONFIG;
import static dev.cliproxy.formats.gemini.GeminiField.FUNCTION_DECLARATIONS;
import static dev.cliproxy.formats.gemini.GeminiField.INCLUDE_THOUGHTS;
import static dev.cliproxy.formats.gemini.GeminiField.MAX_OUTPUT_TOKENS;
import static dev.cliproxy.formats.gemini.GeminiField.MODE;
import static dev.cliproxy.formats.gemini.GeminiField.NAME;
import static dev.cliproxy.formats.gemini.GeminiField.PARAMETERS;
import static dev.cliproxy.formats.gemini.GeminiField.PARAMETERS_JSON_SCHEMA;
import static dev.cliproxy.formats.gemini.GeminiField.PRESENCE_PENALTY;
import static dev.cliproxy.formats.gemini.GeminiField.RESPONSE_JSON_SCHEMA;
import static dev.cliproxy.formats.gemini.GeminiField.RESPONSE_MIME_TYPE;
import static dev.cliproxy.formats.gemini.GeminiField.RESPONSE_SCHEMA;
import static dev.cliproxy.formats.gemini.GeminiField.SEED;
import static dev.cliproxy.formats.gemini.GeminiField.STOP_SEQUENCES;
import static dev.cliproxy.formats.gemini.GeminiField.TEMPERATURE;
import static dev.cliproxy.formats.gemini.GeminiField.THINKING_BUDGET;
import static dev.cliproxy.formats.gemini.GeminiField.THINKING_CONFIG;
import static dev.cliproxy.formats.gemini.GeminiField.THINKING_LEVEL;
import static dev.cliproxy.formats.gemini.GeminiField.TOP_K;
import static dev.cliproxy.formats.gemini.GeminiField.TOP_P;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Sampling;
import dev.cliproxy.formats.ToolChoice;
import dev.cliproxy.formats.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code generationConfig}, {@code tools} and {@code toolConfig} of a Gemini request. */
final class GeminiConfigDecoder {

    private static final String GC = "generationConfig";

    private GeminiConfigDecoder() {
    }

    static Sampling sampling(JsonNode gc) {
        if (gc == null) {
            return Sampling.NONE;
        }
        Long topK = TOP_K.integral(gc, GC);
        Long max = MAX_OUTPUT_TOKENS.integral(gc, GC);
        return new Sampling(TEMPERATURE.decimal(gc, GC), TOP_P.decimal(gc, GC),
                topK == null ? null : topK.intValue(), max == null ? null : max.intValue(), stops(gc),
                PRESENCE_PENALTY.decimal(gc, GC), FREQUENCY_PENALTY.decimal(gc, GC), SEED.integral(gc, GC));
    }

    private static List<String> stops(JsonNode gc) {
        JsonNode v = STOP_SEQUENCES.in(gc);
        if (v == null) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(v.textValue());
        }
        if (!v.isArray()) {
            throw new FormatException("generationConfig.stopSequences must be an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw new FormatException("generationConfig.stopSequences must be an array of strings");
            }
            out.add(s.textValue());
        }
        return out;
    }

    static ReasoningConfig reasoning(JsonNode gc) {
        JsonNode tc = THINKING_CONFIG.in(gc);
        if (tc == null) {
            return null;
        }
        if (!tc.isObject()) {
            throw new FormatException("generationConfig.thinkingConfig must be an object");
        }
        Long budget = THINKING_BUDGET.integral(tc, GC + ".thinkingConfig");
        String level = THINKING_LEVEL.text(tc);
        ReasoningConfig.Effort effort = ReasoningConfig.Effort.parse(level);
        Boolean include = INCLUDE_THOUGHTS.bool(tc);
        if (budget == null && effort == null && include == null) {
            return null;
        }
        return new ReasoningConfig(effort, budget == null ? null : budget.intValue(), include);
    }

    static ResponseFormat responseFormat(JsonNode gc) {
        if (gc == null) {
            return null;
        }
        String mime = RESPONSE_MIME_TYPE.text(gc);
        boolean json = mime == null || mime.trim().equalsIgnoreCase("application/json");
        if (!json) {
            return null; // text/plain, or text/x.enum (an enum schema answered as plain text)
        }
        JsonNode jsonSchema = RESPONSE_JSON_SCHEMA.in(gc);
        JsonNode schema = jsonSchema != null ? jsonSchema.deepCopy()
                : GeminiOpenApiSchema.toJsonSchema(RESPONSE_SCHEMA.in(gc));
        if (schema != null) {
            return new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "response", schema, null);
        }
        return mime == null ? null : new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null);
    }

    /** Function declarations of every tool; Google built-in tools (search, code execution...) are skipped. */
    static List<ToolDefinition> tools(JsonNode tools) {
        if (tools == null) {
            return List.of();
        }
        List<ToolDefinition> out = new ArrayList<>();
        for (JsonNode tool : GeminiRequestDecoder.asList(tools, "tools")) {
            JsonNode decls = FUNCTION_DECLARATIONS.in(tool);
            if (decls == null) {
                continue;
            }
            List<JsonNode> list = GeminiRequestDecoder.asList(decls, "tools[].functionDeclarations");
            for (int i = 0; i < list.size(); i++) {
                out.add(declaration(list.get(i), "tools[].functionDeclarations[" + i + "]"));
            }
        }
        return out;
    }

    private static ToolDefinition declaration(JsonNode decl, String path) {
        if (!decl.isObject()) {
            throw new FormatException(path + " must be an object");
        }
        String name = NAME.requireTextOrNull(decl, path);
        if (name == null || name.isEmpty()) {
            throw new FormatException(path + ".name is required");
        }
        JsonNode jsonSchema = PARAMETERS_JSON_SCHEMA.in(decl);
        JsonNode schema = jsonSchema != null ? jsonSchema.deepCopy()
                : GeminiOpenApiSchema.toJsonSchema(PARAMETERS.in(decl));
        return new ToolDefinition(name, DESCRIPTION.text(decl), schema, null);
    }

    static ToolChoice toolChoice(JsonNode toolConfig) {
        JsonNode fcc = FUNCTION_CALLING_CONFIG.in(toolConfig);
        String mode = MODE.enumValue(fcc);
        if (mode == null) {
            return null;
        }
        return switch (mode) {
            case "AUTO", "VALIDATED" -> ToolChoice.AUTO;
            case "NONE" -> ToolChoice.NONE;
            case "ANY" -> {
                JsonNode allowed = ALLOWED_FUNCTION_NAMES.in(fcc);
                yield allowed != null && allowed.isArray() && allowed.size() == 1 && allowed.get(0).isTextual()
                        ? ToolChoice.tool(allowed.get(0).textValue()) : ToolChoice.REQUIRED;
            }
            case "MODE_UNSPECIFIED" -> null;
            default -> throw new FormatException("toolConfig.functionCallingConfig.mode '" + mode
                    + "' is not one of AUTO, ANY, NONE, VALIDATED");
        };
    }
}
