package dev.cliproxy.api.format.gemini;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.api.format.FinishReason;
import dev.cliproxy.api.format.Json;
import dev.cliproxy.api.format.ResponseContext;
import dev.cliproxy.api.format.Signature;
import dev.cliproxy.api.format.StreamEncoder;
import dev.cliproxy.api.format.StreamEvent;
import dev.cliproxy.api.format.Usage;
import dev.cliproxy.api.sse.SseEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Encodes canonical events as a Gemini client stream: unnamed data events, each a whole
 * {@code GenerateContentResponse} chunk with one part. The encoder keeps exactly one part back (the latest text or
 * thought delta, or the function call being assembled, whose arguments Gemini clients need whole) and sends it
 * when the next part begins; the last part goes out at {@link #end} together with {@code finishReason} and
 * {@code usageMetadata}. That way every chunk carries content (the google-genai SDKs drop chat turns with an
 * empty chunk) and a signature can still be attached to the part it belongs to.
 */
final class GeminiStreamEncoder implements StreamEncoder {

    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    private enum Kind { NONE, TEXT, THOUGHT, CALL, SIGNATURE }

    private final ResponseContext context;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private final StringBuilder callArgs = new StringBuilder();
    private String responseId;
    private Kind pending = Kind.NONE;
    private String pendingText;
    private String pendingSignature;
    private int callIndex;
    private String callId;
    private String callName;
    private int callCount;
    private Usage usage;
    private FinishReason finish;
    private boolean closed;

    GeminiStreamEncoder(ResponseContext context) {
        this.context = context;
    }

    @Override
    public void encode(StreamEvent event, Consumer<SseEvent> out) {
        if (closed) {
            return;
        }
        switch (event) {
            case StreamEvent.MessageStart s -> {
                if (responseId == null && s.id() != null && !s.id().isEmpty()) {
                    responseId = s.id();
                }
                usage = s.usage() == null ? usage : s.usage().max(usage);
            }
            case StreamEvent.TextDelta d -> delta(Kind.TEXT, d.text(), out);
            case StreamEvent.ReasoningDelta d -> delta(Kind.THOUGHT, d.text(), out);
            case StreamEvent.ReasoningSignature s -> signature(s.signature(), out);
            case StreamEvent.RedactedReasoning ignored -> {
                // Gemini has no redacted reasoning
            }
            case StreamEvent.ToolCallStart s -> startCall(s, out);
            case StreamEvent.ToolCallDelta d -> {
                if (pending == Kind.CALL && d.index() == callIndex) {
                    callArgs.append(d.argumentsFragment());
                }
            }
            case StreamEvent.BlockEnd ignored -> {
                // the pending part is complete; it is sent with the next part or at the end
            }
            case StreamEvent.UsageUpdate u -> usage = u.usage().max(usage);
            case StreamEvent.Finish f -> finish = f.reason();
            case StreamEvent.StreamError e -> {
                flush(out);
                out.accept(SseEvent.data(GeminiErrors.encode(e.error())));
                closed = true;
            }
        }
    }

    private void delta(Kind kind, String text, Consumer<SseEvent> out) {
        if (text == null || text.isEmpty()) {
            return;
        }
        flush(out);
        pending = kind;
        pendingText = text;
    }

    private void signature(Signature signature, Consumer<SseEvent> out) {
        String value = signature.toClientValue(WireFormat.GEMINI);
        if ((pending == Kind.TEXT || pending == Kind.THOUGHT) && pendingSignature == null) {
            pendingSignature = value;
            return;
        }
        flush(out);
        pending = Kind.SIGNATURE;
        pendingSignature = value;
    }

    private void startCall(StreamEvent.ToolCallStart s, Consumer<SseEvent> out) {
        flush(out);
        pending = Kind.CALL;
        callIndex = s.index();
        callId = s.id() != null && !s.id().isEmpty() ? s.id()
                : GeminiToolIds.derived(GeminiResponseEncoder.requestId(context), callCount);
        callCount++;
        callName = s.name();
        pendingSignature = s.signature() == null ? null : s.signature().toClientValue(WireFormat.GEMINI);
        callArgs.setLength(0);
    }

    @Override
    public void end(Consumer<SseEvent> out) {
        if (closed) {
            return;
        }
        closed = true;
        out.accept(SseEvent.data(chunk(GeminiFinishReasons.encode(finish), usage)));
        pending = Kind.NONE;
    }

    /** Sends the pending part, if any, as a chunk of its own. */
    private void flush(Consumer<SseEvent> out) {
        if (pending != Kind.NONE) {
            out.accept(SseEvent.data(chunk(null, null)));
            pending = Kind.NONE;
            pendingText = null;
            pendingSignature = null;
        }
    }

    private byte[] chunk(String finishReason, Usage chunkUsage) {
        buffer.reset();
        try (JsonGenerator g = FACTORY.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeArrayFieldStart("candidates");
            g.writeStartObject();
            if (pending != Kind.NONE) {
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
            if (chunkUsage != null) {
                GeminiUsage.write(chunkUsage, g);
            }
            if (context != null && context.model() != null) {
                g.writeStringField("modelVersion", context.model());
            }
            g.writeStringField("responseId", responseId());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private void writePart(JsonGenerator g) throws IOException {
        g.writeStartObject();
        switch (pending) {
            case TEXT -> g.writeStringField("text", pendingText);
            case THOUGHT -> {
                g.writeStringField("text", pendingText);
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
        if (pendingSignature != null) {
            g.writeStringField("thoughtSignature", pendingSignature);
        }
        g.writeEndObject();
    }

    private String responseId() {
        if (responseId == null) {
            responseId = GeminiResponseEncoder.responseId(null, context);
        }
        return responseId;
    }
}
