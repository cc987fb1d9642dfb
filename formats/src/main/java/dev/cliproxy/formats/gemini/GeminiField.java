package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.FormatException;
import java.util.Locale;

/**
 * Gemini field names. The REST API accepts both the camelCase (protobuf JSON) and the snake_case (proto field) name
 * of every field, so readers look up both; writers always use {@link #camel}.
 */
enum GeminiField {
    ALLOWED_FUNCTION_NAMES("allowedFunctionNames"),
    ARGS("args"),
    BLOCK_REASON("blockReason"),
    CACHED_CONTENT_TOKEN_COUNT("cachedContentTokenCount"),
    CANDIDATES("candidates"),
    CANDIDATES_TOKEN_COUNT("candidatesTokenCount"),
    CODE("code"),
    CODE_EXECUTION_RESULT("codeExecutionResult"),
    CONTENT("content"),
    CONTENTS("contents"),
    DATA("data"),
    DESCRIPTION("description"),
    DISPLAY_NAME("displayName"),
    EXECUTABLE_CODE("executableCode"),
    FILE_DATA("fileData"),
    FILE_URI("fileUri"),
    FINISH_REASON("finishReason"),
    FREQUENCY_PENALTY("frequencyPenalty"),
    FUNCTION_CALL("functionCall"),
    FUNCTION_CALLING_CONFIG("functionCallingConfig"),
    FUNCTION_DECLARATIONS("functionDeclarations"),
    FUNCTION_RESPONSE("functionResponse"),
    GENERATE_CONTENT_REQUEST("generateContentRequest"),
    GENERATION_CONFIG("generationConfig"),
    ID("id"),
    INCLUDE_THOUGHTS("includeThoughts"),
    INLINE_DATA("inlineData"),
    LANGUAGE("language"),
    MAX_OUTPUT_TOKENS("maxOutputTokens"),
    MIME_TYPE("mimeType"),
    MODE("mode"),
    MODEL_VERSION("modelVersion"),
    NAME("name"),
    OUTPUT("output"),
    PARAMETERS("parameters"),
    PARAMETERS_JSON_SCHEMA("parametersJsonSchema"),
    PARTS("parts"),
    PRESENCE_PENALTY("presencePenalty"),
    PROMPT_FEEDBACK("promptFeedback"),
    PROMPT_TOKEN_COUNT("promptTokenCount"),
    RESPONSE("response"),
    RESPONSE_ID("responseId"),
    RESPONSE_JSON_SCHEMA("responseJsonSchema"),
    RESPONSE_MIME_TYPE("responseMimeType"),
    RESPONSE_SCHEMA("responseSchema"),
    ROLE("role"),
    SEED("seed"),
    STOP_SEQUENCES("stopSequences"),
    SYSTEM_INSTRUCTION("systemInstruction"),
    TEMPERATURE("temperature"),
    TEXT("text"),
    THINKING_BUDGET("thinkingBudget"),
    THINKING_CONFIG("thinkingConfig"),
    THINKING_LEVEL("thinkingLevel"),
    THOUGHT("thought"),
    THOUGHT_SIGNATURE("thoughtSignature"),
    THOUGHTS_TOKEN_COUNT("thoughtsTokenCount"),
    TOOL_CONFIG("toolConfig"),
    TOOL_USE_PROMPT_TOKEN_COUNT("toolUsePromptTokenCount"),
    TOOLS("tools"),
    TOP_K("topK"),
    TOP_P("topP"),
    TOTAL_TOKENS("totalTokens"),
    USAGE_METADATA("usageMetadata");

    /** The camelCase name (what encoders write). */
    final String camel;
    /** The snake_case name, or {@code null} when it is the same as {@link #camel}. */
    final String snake;

    GeminiField(String camel) {
        this.camel = camel;
        String s = toSnake(camel);
        this.snake = s.equals(camel) ? null : s;
    }

    private static String toSnake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The field's value in {@code node} under either name, or {@code null} when absent or JSON null. */
    JsonNode in(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode v = node.get(camel);
        if ((v == null || v.isNull()) && snake != null) {
            v = node.get(snake);
        }
        return v == null || v.isNull() ? null : v;
    }

    /** Whether {@code node} has the field under either name. */
    boolean presentIn(JsonNode node) {
        return in(node) != null;
    }

    /** The text value, or {@code null} when absent or not textual. */
    String text(JsonNode node) {
        JsonNode v = in(node);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** The text value; {@code null} when absent; a {@link FormatException} when present but not a string. */
    String requireTextOrNull(JsonNode node, String path) {
        JsonNode v = in(node);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new FormatException(path + "." + camel + " must be a string");
        }
        return v.textValue();
    }

    /** The boolean value, or {@code null} when absent or not a boolean. */
    Boolean bool(JsonNode node) {
        JsonNode v = in(node);
        return v != null && v.isBoolean() ? v.booleanValue() : null;
    }

    /**
     * The numeric value (numbers and numeric strings, as protobuf JSON accepts both), {@code null} when absent; a
     * {@link FormatException} when present but not a number.
     */
    Double decimal(JsonNode node, String path) {
        JsonNode v = in(node);
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                return Double.valueOf(v.textValue().trim());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new FormatException(path + "." + camel + " must be a number");
    }

    /** Like {@link #decimal} for integral fields. */
    Long integral(JsonNode node, String path) {
        Double d = decimal(node, path);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw new FormatException(path + "." + camel + " must be an integer");
        }
        return d.longValue();
    }

    /** A lenient count reader for responses: the long value, or 0 when absent or not a number. */
    long count(JsonNode node) {
        JsonNode v = in(node);
        if (v == null) {
            return 0;
        }
        if (v.isNumber()) {
            return v.longValue();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.textValue().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** Upper-case enum value reader ({@code "auto"} and {@code "AUTO"} both read as {@code "AUTO"}). */
    String enumValue(JsonNode node) {
        String s = text(node);
        return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
    }
}
