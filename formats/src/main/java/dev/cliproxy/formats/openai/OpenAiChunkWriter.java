package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serialises the chunks of one stream. The envelope up to {@code "delta":} (id, created, model) is escaped once;
 * each delta is written with a {@link JsonGenerator} straight into a small byte buffer, no trees on the hot path.
 */
final class OpenAiChunkWriter {

    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();
    private static final byte[] OPEN_SUFFIX = utf8(",\"logprobs\":null,\"finish_reason\":null}]}");
    private static final byte[] ROLE_DELTA = utf8("{\"role\":\"assistant\",\"content\":\"\"}");

    @FunctionalInterface
    private interface DeltaBody {
        void write(JsonGenerator g) throws IOException;
    }

    private final String id;
    private final String model;
    private final long created;
    private final byte[] prefix;

    OpenAiChunkWriter(String id, String model, long created) {
        this.id = id;
        this.model = model;
        this.created = created;
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        ByteArrayBuilder b = new ByteArrayBuilder(128);
        b.write(utf8("{\"id\":\""));
        b.write(quote.quoteAsUTF8(id));
        b.write(utf8("\",\"object\":\"chat.completion.chunk\",\"created\":" + created + ",\"model\":\""));
        b.write(quote.quoteAsUTF8(model));
        b.write(utf8("\",\"choices\":[{\"index\":0,\"delta\":"));
        prefix = b.toByteArray();
    }

    /** The first chunk: {@code {"role":"assistant","content":""}}. */
    SseEvent role() {
        return envelope(ROLE_DELTA, OPEN_SUFFIX);
    }

    /** A delta with one string field ({@code content}, {@code reasoning_content}). */
    SseEvent text(String field, String text) {
        return chunk(g -> g.writeStringField(field, text));
    }

    /** A {@code reasoning_details} entry carrying the signature of the reasoning just streamed. */
    SseEvent reasoningSignature(String signature, int index) {
        return chunk(g -> {
            g.writeArrayFieldStart("reasoning_details");
            g.writeStartObject();
            g.writeStringField("type", OpenAiReasoning.DETAIL_TYPE);
            g.writeStringField("signature", signature);
            g.writeNumberField("index", index);
            g.writeEndObject();
            g.writeEndArray();
        });
    }

    /** The first chunk of a tool call: index, id, type, name and empty arguments (plus its thought signature). */
    SseEvent toolStart(int index, String callId, String name, String thoughtSignature) {
        return chunk(g -> {
            g.writeArrayFieldStart("tool_calls");
            g.writeStartObject();
            g.writeNumberField("index", index);
            g.writeStringField("id", callId);
            g.writeStringField("type", "function");
            g.writeObjectFieldStart("function");
            g.writeStringField("name", name);
            g.writeStringField("arguments", "");
            g.writeEndObject();
            if (thoughtSignature != null) {
                g.writeObjectFieldStart("extra_content");
                g.writeObjectFieldStart("google");
                g.writeStringField("thought_signature", thoughtSignature);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndArray();
        });
    }

    /** A fragment of a tool call's arguments. */
    SseEvent toolArguments(int index, String fragment) {
        return chunk(g -> {
            g.writeArrayFieldStart("tool_calls");
            g.writeStartObject();
            g.writeNumberField("index", index);
            g.writeObjectFieldStart("function");
            g.writeStringField("arguments", fragment);
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
        });
    }

    /** The finish chunk: empty delta and the finish reason. */
    SseEvent finish(String reason) {
        return envelope(utf8("{}"), utf8(",\"logprobs\":null,\"finish_reason\":\"" + reason + "\"}]}"));
    }

    /** The usage chunk sent for {@code stream_options.include_usage}: empty choices and the usage. */
    SseEvent usage(Usage usage) {
        ObjectNode root = Json.object().put("id", id).put("object", "chat.completion.chunk")
                .put("created", created).put("model", model);
        root.putArray("choices");
        root.set("usage", OpenAiUsage.write(usage));
        return SseEvent.data(Json.write(root));
    }

    private SseEvent chunk(DeltaBody body) {
        ByteArrayBuilder b = new ByteArrayBuilder(prefix.length + 128);
        b.write(prefix);
        try (JsonGenerator g = FACTORY.createGenerator(b)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a chat completion chunk", e);
        }
        b.write(OPEN_SUFFIX);
        return SseEvent.data(b.toByteArray());
    }

    private SseEvent envelope(byte[] delta, byte[] suffix) {
        ByteArrayBuilder b = new ByteArrayBuilder(prefix.length + delta.length + suffix.length);
        b.write(prefix);
        b.write(delta);
        b.write(suffix);
        return SseEvent.data(b.toByteArray());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
