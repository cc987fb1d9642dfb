package dev.cliproxy.formats.gemini;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
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

    private final ResponseContext context;
    private final GeminiStreamChunk part = new GeminiStreamChunk();
    private String responseId;
    private int callIndex;
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
            case StreamEvent.TextDelta d -> delta(GeminiStreamChunk.Kind.TEXT, d.text(), out);
            case StreamEvent.ReasoningDelta d -> delta(GeminiStreamChunk.Kind.THOUGHT, d.text(), out);
            case StreamEvent.ReasoningSignature s -> signature(s.signature(), out);
            case StreamEvent.RedactedReasoning ignored -> {
                // Gemini has no redacted reasoning
            }
            case StreamEvent.ToolCallStart s -> startCall(s, out);
            case StreamEvent.ToolCallDelta d -> {
                if (part.kind == GeminiStreamChunk.Kind.CALL && d.index() == callIndex) {
                    part.callArgs.append(d.argumentsFragment());
                }
            }
            case StreamEvent.BlockEnd ignored -> {
                // the held part is complete; it goes out with the next part or at the end
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

    private void delta(GeminiStreamChunk.Kind kind, String text, Consumer<SseEvent> out) {
        if (text == null || text.isEmpty()) {
            return;
        }
        flush(out);
        part.kind = kind;
        part.text = text;
    }

    private void signature(Signature signature, Consumer<SseEvent> out) {
        String value = signature.toClientValue(WireFormat.GEMINI);
        boolean textual = part.kind == GeminiStreamChunk.Kind.TEXT || part.kind == GeminiStreamChunk.Kind.THOUGHT;
        if (textual && part.signature == null) {
            part.signature = value;
            return;
        }
        flush(out);
        part.kind = GeminiStreamChunk.Kind.SIGNATURE;
        part.signature = value;
    }

    private void startCall(StreamEvent.ToolCallStart s, Consumer<SseEvent> out) {
        flush(out);
        part.kind = GeminiStreamChunk.Kind.CALL;
        callIndex = s.index();
        part.callId = s.id() != null && !s.id().isEmpty() ? s.id()
                : GeminiToolIds.derived(GeminiResponseEncoder.requestId(context), callCount);
        callCount++;
        part.callName = s.name();
        part.signature = s.signature() == null ? null : s.signature().toClientValue(WireFormat.GEMINI);
    }

    @Override
    public void end(Consumer<SseEvent> out) {
        if (closed) {
            return;
        }
        closed = true;
        out.accept(SseEvent.data(part.write(GeminiFinishReasons.encode(finish), usage, model(), responseId())));
        part.clear();
    }

    /** Sends the held part, if any, as a chunk of its own. */
    private void flush(Consumer<SseEvent> out) {
        if (part.holdsPart()) {
            out.accept(SseEvent.data(part.write(null, null, model(), responseId())));
            part.clear();
        }
    }

    private String model() {
        return context == null ? null : context.model();
    }

    private String responseId() {
        if (responseId == null) {
            responseId = GeminiResponseEncoder.responseId(null, context);
        }
        return responseId;
    }
}
