package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.ResponseFormat;
import dev.cliproxy.formats.Sampling;
import dev.cliproxy.formats.ToolChoice;
import dev.cliproxy.formats.ToolDefinition;

/** Writes {@code systemInstruction}, {@code tools}, {@code toolConfig} and {@code generationConfig}. */
final class GeminiConfigEncoder {

    /** Gemini accepts at most this many stop sequences; more are cut (the API would answer 400). */
    static final int MAX_STOP_SEQUENCES = 5;

    private GeminiConfigEncoder() {
    }

    static void systemInstruction(ChatRequest request, ObjectNode root) {
        ArrayNode parts = null;
        for (ContentPart p : request.system()) {
            if (p instanceof ContentPart.Text t && !t.text().isEmpty()) {
                if (parts == null) {
                    parts = root.putObject("systemInstruction").putArray("parts");
                }
                parts.addObject().put("text", t.text());
            }
        }
    }

    static void tools(ChatRequest request, ObjectNode root) {
        if (request.tools().isEmpty()) {
            return;
        }
        ArrayNode decls = root.putArray("tools").addObject().putArray("functionDeclarations");
        for (ToolDefinition t : request.tools()) {
            ObjectNode d = decls.addObject().put("name", t.name());
            if (!t.description().isEmpty()) {
                d.put("description", t.description());
            }
            ObjectNode schema = GeminiSchemaCleaner.clean(t.parameters());
            if (schema != null) {
                d.set("parametersJsonSchema", schema);
            }
        }
        ToolChoice choice = request.toolChoice();
        if (choice != null) {
            ObjectNode fcc = root.putObject("toolConfig").putObject("functionCallingConfig");
            switch (choice.mode()) {
                case AUTO -> fcc.put("mode", "AUTO");
                case NONE -> fcc.put("mode", "NONE");
                case REQUIRED -> fcc.put("mode", "ANY");
                case TOOL -> {
                    fcc.put("mode", "ANY");
                    fcc.putArray("allowedFunctionNames").add(choice.name());
                }
            }
        }
    }

    static void generationConfig(ChatRequest request, ObjectNode root) {
        ObjectNode gc = root.objectNode();
        Sampling s = request.sampling();
        putIfSet(gc, "temperature", s.temperature());
        putIfSet(gc, "topP", s.topP());
        if (s.topK() != null) {
            gc.put("topK", s.topK());
        }
        if (s.maxOutputTokens() != null) {
            gc.put("maxOutputTokens", s.maxOutputTokens());
        }
        if (!s.stop().isEmpty()) {
            ArrayNode stops = gc.putArray("stopSequences");
            s.stop().stream().limit(MAX_STOP_SEQUENCES).forEach(stops::add);
        }
        putIfSet(gc, "presencePenalty", s.presencePenalty());
        putIfSet(gc, "frequencyPenalty", s.frequencyPenalty());
        if (s.seed() != null) {
            gc.put("seed", s.seed());
        }
        responseFormat(request.responseFormat(), gc);
        GeminiThinking.write(request.reasoning(), request.model(), gc);
        if (!gc.isEmpty()) {
            root.set("generationConfig", gc);
        }
    }

    private static void putIfSet(ObjectNode gc, String field, Double value) {
        if (value != null) {
            gc.put(field, value);
        }
    }

    private static void responseFormat(ResponseFormat format, ObjectNode gc) {
        if (format == null || format.kind() == ResponseFormat.Kind.TEXT) {
            return;
        }
        gc.put("responseMimeType", "application/json");
        if (format.kind() == ResponseFormat.Kind.JSON_SCHEMA && format.schema() != null) {
            gc.set("responseJsonSchema", GeminiSchemaCleaner.clean(format.schema()));
        }
    }
}
