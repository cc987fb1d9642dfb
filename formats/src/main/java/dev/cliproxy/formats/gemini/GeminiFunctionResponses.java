package dev.cliproxy.formats.gemini;

import static dev.cliproxy.formats.gemini.GeminiField.ID;
import static dev.cliproxy.formats.gemini.GeminiField.NAME;
import static dev.cliproxy.formats.gemini.GeminiField.PARTS;
import static dev.cliproxy.formats.gemini.GeminiField.RESPONSE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Function responses both ways. Decoding: the {@code response} object becomes the result text (its only field's
 * value when that field is {@code result}, {@code content}, {@code output} or {@code error}, else the whole object
 * as JSON); an {@code error} field marks the result as failed. Encoding: {@code {"result": ...}} or
 * {@code {"error": ...}}, with JSON text sent as JSON.
 */
final class GeminiFunctionResponses {

    private GeminiFunctionResponses() {
    }

    static ContentPart.ToolResult read(JsonNode fr, String path, GeminiToolIds ids) {
        if (!fr.isObject()) {
            throw new FormatException(path + " must be an object");
        }
        String name = NAME.requireTextOrNull(fr, path);
        if (name == null || name.isEmpty()) {
            throw new FormatException(path + ".name is required");
        }
        JsonNode response = RESPONSE.in(fr);
        boolean isError = false;
        String text;
        if (response == null) {
            text = "";
        } else if (response.isObject() && response.size() == 1) {
            String field = response.fieldNames().next();
            isError = "error".equals(field);
            boolean unwrap = isError || "result".equals(field) || "content".equals(field) || "output".equals(field);
            text = unwrap ? asText(response.get(field)) : response.toString();
        } else if (response.isObject()) {
            JsonNode error = response.get("error");
            isError = error != null && !error.isNull();
            text = response.toString();
        } else {
            text = asText(response);
        }
        List<ContentPart> content = new ArrayList<>();
        if (!text.isEmpty()) {
            content.add(new ContentPart.Text(text));
        }
        readParts(PARTS.in(fr), path, content);
        return new ContentPart.ToolResult(ids.resultId(name, ID.text(fr)), name, content, isError);
    }

    /** Multimodal function response parts (images). */
    private static void readParts(JsonNode parts, String path, List<ContentPart> content) {
        if (parts == null || !parts.isArray()) {
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            List<ContentPart> media = new ArrayList<>(1);
            GeminiPartReader.readMedia(parts.get(i), path + ".parts[" + i + "]", media);
            for (ContentPart p : media) {
                if (p instanceof ContentPart.Image) {
                    content.add(p);
                }
            }
        }
    }

    private static String asText(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        return v.isTextual() ? v.textValue() : v.toString();
    }

    /** The {@code response} object for a tool result. */
    static ObjectNode responseFor(ContentPart.ToolResult result) {
        ObjectNode response = Json.object();
        response.set(result.isError() ? "error" : "result", valueOf(result.text()));
        return response;
    }

    /** JSON object/array text as JSON, anything else as a string. */
    private static JsonNode valueOf(String text) {
        String trimmed = text.trim();
        if (!trimmed.isEmpty() && (trimmed.charAt(0) == '{' || trimmed.charAt(0) == '[')) {
            try {
                JsonNode parsed = Json.MAPPER.readTree(trimmed);
                if (parsed != null && (parsed.isObject() || parsed.isArray())) {
                    return parsed;
                }
            } catch (JsonProcessingException e) {
                // not JSON: sent as text below
            }
        }
        return Json.MAPPER.getNodeFactory().textNode(text);
    }
}
