package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one part a Gemini stream encoder holds back, and the JSON of the stream chunk that carries it, written with a
 * {@link JsonGenerator} into a reused buffer (the per-delta hot path).
 */
final class GeminiStreamChunk {

    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    /** What the held part is. */
    enum Kind { NONE, TEXT, THOUGHT, CALL, SIGNATURE }

    Kind kind = Kind.NONE;
    String text;
    String signature;
    String callId;
    String callName;
    final StringBuilder callArgs = new StringBuilder();

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

    boolean holdsPart() {
        return kind != Kind.NONE;
    }

    void clear() {
        kind = Kind.NONE;
        text = null;
        signature = null;
        callId = null;
        callName = null;
        callArgs.setLength(0);
    }

    /** A {@code GenerateContentResponse} chunk with the held part (if any), then optional finish and usage. */
    byte[] write(String finishReason, Usage usage, String model, String responseId) {
        buffer.reset();
        try (JsonGenerator g = FACTORY.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeArrayFieldStart("candidates");
            g.writeStartObject();
            if (holdsPart()) {
                g.writeObjectFieldStart("content");
                g.writeArrayFieldStart("parts");
                writePart(g);
                g.writeEndArray();
                g.writeStringField("role", "model");
                g.writeEndObject();
            }
            if (finishReason != null) {
                g.writeStringField("finishReason", finishReason);
            }
            g.writeNumberField("index", 0);
            g.writeEndObject();
            g.writeEndArray();
            if (usage != null) {
                GeminiUsage.write(usage, g);
            }
            if (model != null) {
                g.writeStringField("modelVersion", model);
            }
            g.writeStringField("responseId", responseId);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private void writePart(JsonGenerator g) throws IOException {
        g.writeStartObject();
        switch (kind) {
            case TEXT -> g.writeStringField("text", text);
            case THOUGHT -> {
                g.writeStringField("text", text);
                g.writeBooleanField("thought", true);
            }
            case CALL -> {
                g.writeObjectFieldStart("functionCall");
                g.writeStringField("id", callId);
                g.writeStringField("name", callName);
                g.writeFieldName("args");
                g.writeTree(GeminiPartWriter.args(callArgs.isEmpty() ? "{}" : callArgs.toString()));
                g.writeEndObject();
            }
            default -> {
                // SIGNATURE: the signature alone
            }
        }
        if (signature != null) {
            g.writeStringField("thoughtSignature", signature);
        }
        g.writeEndObject();
    }
}
