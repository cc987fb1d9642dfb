package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the JSON payloads of one Responses stream with one reused {@link JsonGenerator} and buffer (no trees on
 * the per-delta path). Every payload starts with {@code type} and the stream's next {@code sequence_number}
 * (from 0); the SSE event name is the type. Not thread-safe: one per stream.
 */
final class StreamEventWriter {

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    private final JsonGenerator gen;
    private int sequence;
    private String type;

    StreamEventWriter() {
        try {
            gen = Json.MAPPER.getFactory().createGenerator(buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gen.setRootValueSeparator(null);
    }

    /** Starts the payload of an event of {@code eventType}. */
    StreamEventWriter begin(String eventType) {
        this.type = eventType;
        try {
            gen.writeStartObject();
            gen.writeStringField("type", eventType);
            gen.writeNumberField("sequence_number", sequence++);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    StreamEventWriter str(String field, String value) {
        try {
            gen.writeStringField(field, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    StreamEventWriter num(String field, int value) {
        try {
            gen.writeNumberField(field, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A {@code null} field. */
    StreamEventWriter nul(String field) {
        try {
            gen.writeNullField(field);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** An empty array field ({@code logprobs}, {@code annotations}). */
    StreamEventWriter emptyArray(String field) {
        try {
            gen.writeArrayFieldStart(field);
            gen.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A field holding a tree (items, parts and response objects: not per delta). */
    StreamEventWriter tree(String field, JsonNode node) {
        try {
            gen.writeFieldName(field);
            gen.writeTree(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Ends the payload and returns it as an SSE event named after its type. */
    SseEvent end() {
        try {
            gen.writeEndObject();
            gen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SseEvent event = new SseEvent(type, buf.toByteArray());
        buf.reset();
        return event;
    }
}
