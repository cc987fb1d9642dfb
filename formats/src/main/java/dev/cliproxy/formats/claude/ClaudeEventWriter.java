package dev.cliproxy.formats.claude;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes Claude stream events with a {@link JsonGenerator} into one reused buffer (no trees on the per-delta
 * path). Every event is named after its {@code type}. One instance per stream, one thread.
 */
final class ClaudeEventWriter {

    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();
    private static final SseEvent PING = SseEvent.of("ping", "{\"type\":\"ping\"}");
    private static final SseEvent MESSAGE_STOP = SseEvent.of("message_stop", "{\"type\":\"message_stop\"}");

    private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);

    SseEvent ping() {
        return PING;
    }

    SseEvent messageStop() {
        return MESSAGE_STOP;
    }

    SseEvent messageStart(String id, String model, Usage usage) {
        try (JsonGenerator g = begin("message_start")) {
            g.writeObjectFieldStart("message");
            g.writeStringField("id", id);
            g.writeStringField("type", "message");
            g.writeStringField("role", "assistant");
            g.writeStringField("model", model);
            g.writeArrayFieldStart("content");
            g.writeEndArray();
            g.writeNullField("stop_reason");
            g.writeNullField("stop_sequence");
            g.writeObjectFieldStart("usage");
            ClaudeUsage.write(g, usage, Math.min(1, usage.outputTokens()));
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return done("message_start");
    }

    /** content_block_start of a text or thinking block (empty), a redacted_thinking block or a tool_use block. */
    SseEvent blockStart(int index, String type, String id, String name, String data) {
        try (JsonGenerator g = begin("content_block_start")) {
            g.writeNumberField("index", index);
            g.writeObjectFieldStart("content_block");
            g.writeStringField("type", type);
            switch (type) {
                case "text" -> g.writeStringField("text", "");
                case "thinking" -> {
                    g.writeStringField("thinking", "");
                    g.writeStringField("signature", "");
                }
                case "redacted_thinking" -> g.writeStringField("data", data);
                default -> {
                    g.writeStringField("id", id);
                    g.writeStringField("name", name);
                    g.writeObjectFieldStart("input");
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return done("content_block_start");
    }

    /** content_block_delta: {@code {"type":deltaType, field:value}}. */
    SseEvent delta(int index, String deltaType, String field, String value) {
        try (JsonGenerator g = begin("content_block_delta")) {
            g.writeNumberField("index", index);
            g.writeObjectFieldStart("delta");
            g.writeStringField("type", deltaType);
            g.writeStringField(field, value);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return done("content_block_delta");
    }

    SseEvent blockStop(int index) {
        try (JsonGenerator g = begin("content_block_stop")) {
            g.writeNumberField("index", index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return done("content_block_stop");
    }

    SseEvent messageDelta(String stopReason, String stopSequence, Usage usage) {
        try (JsonGenerator g = begin("message_delta")) {
            g.writeObjectFieldStart("delta");
            g.writeStringField("stop_reason", stopReason);
            if (stopSequence == null) {
                g.writeNullField("stop_sequence");
            } else {
                g.writeStringField("stop_sequence", stopSequence);
            }
            g.writeEndObject();
            g.writeObjectFieldStart("usage");
            ClaudeUsage.write(g, usage, usage.outputTokens());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return done("message_delta");
    }

    /** Starts {@code {"type":type, ...}}; the try-with-resources close ends the object. */
    private JsonGenerator begin(String type) throws IOException {
        buffer.reset();
        JsonGenerator g = FACTORY.createGenerator(buffer);
        g.writeStartObject();
        g.writeStringField("type", type);
        return g;
    }

    private SseEvent done(String name) {
        return new SseEvent(name, buffer.toByteArray());
    }
}
