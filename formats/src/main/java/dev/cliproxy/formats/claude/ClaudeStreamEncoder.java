package dev.cliproxy.formats.claude;

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
 * Writes the Claude event sequence: {@code message_start}, one {@code ping}, content blocks
 * ({@code content_block_start}, deltas, {@code content_block_stop}; never interleaved, indexes from 0, a new block
 * whenever the kind of delta changes), then {@code message_delta} and {@code message_stop}.
 *
 * <p>Usage may arrive after the finish (OpenAI upstreams send it last), so {@code message_delta} is held after a
 * {@link StreamEvent.Finish} until the next {@link StreamEvent.UsageUpdate} or {@link #end}. Tool-call argument
 * fragments are streamed as {@code input_json_delta} as they arrive; fragments for a tool call whose block is
 * already closed cannot be sent any more and are dropped (upstreams stream calls one after another). A
 * {@link StreamEvent.StreamError} becomes an {@code error} event, and nothing follows it.
 */
final class ClaudeStreamEncoder implements StreamEncoder {

    private enum Block { NONE, TEXT, THINKING, TOOL }

    private static final WireFormat CLAUDE = WireFormat.CLAUDE_MESSAGES;

    private final ResponseContext context;
    private final ClaudeEventWriter writer = new ClaudeEventWriter();
    private final String idBase;
    private boolean started;
    private boolean closed;
    private Block open = Block.NONE;
    private Signature pendingSignature;
    private int index = -1;
    private int openTool = -1;
    private int generatedIds;
    private boolean madeToolCalls;
    private Usage usage = Usage.ZERO;
    private boolean finished;
    private FinishReason finish;
    private String stopSequence;

    ClaudeStreamEncoder(ResponseContext context) {
        this.context = context;
        this.idBase = ClaudeIds.base(context.requestId());
    }

    @Override
    public void encode(StreamEvent event, Consumer<SseEvent> out) {
        if (closed) {
            return;
        }
        switch (event) {
            case StreamEvent.MessageStart s -> {
                usage = usage.max(s.usage());
                start(s.id(), out);
            }
            case StreamEvent.TextDelta d -> delta(Block.TEXT, "text_delta", "text", d.text(), out);
            case StreamEvent.ReasoningDelta d -> delta(Block.THINKING, "thinking_delta", "thinking", d.text(), out);
            case StreamEvent.ReasoningSignature s -> signature(s.signature(), out);
            case StreamEvent.RedactedReasoning r -> redacted(r.data(), out);
            case StreamEvent.ToolCallStart s -> toolStart(s, out);
            case StreamEvent.ToolCallDelta d -> {
                if (open == Block.TOOL && d.index() == openTool && !d.argumentsFragment().isEmpty()) {
                    out.accept(writer.delta(index, "input_json_delta", "partial_json", d.argumentsFragment()));
                }
            }
            case StreamEvent.BlockEnd ignored -> closeBlock(out);
            case StreamEvent.UsageUpdate u -> {
                usage = usage.max(u.usage());
                if (finished) {
                    finish(out);
                }
            }
            case StreamEvent.Finish f -> {
                start(null, out);
                closeBlock(out);
                finished = true;
                finish = f.reason();
                stopSequence = f.stopSequence();
            }
            case StreamEvent.StreamError e -> {
                out.accept(ClaudeCodec.streamError(e.error()));
                closed = true;
            }
        }
    }

    @Override
    public void end(Consumer<SseEvent> out) {
        if (closed) {
            return;
        }
        start(null, out);
        closeBlock(out);
        finish(out);
    }

    /** Sends message_start and the ping once. */
    private void start(String upstreamId, Consumer<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        String id = upstreamId != null && !upstreamId.isEmpty() ? upstreamId : "msg_" + idBase;
        out.accept(writer.messageStart(id, context.model(), usage));
        out.accept(writer.ping());
    }

    private void delta(Block kind, String deltaType, String field, String text, Consumer<SseEvent> out) {
        if (text == null || text.isEmpty()) {
            return;
        }
        openBlock(kind, out);
        out.accept(writer.delta(index, deltaType, field, text));
    }

    /**
     * A signature closes the thinking block it belongs to. A foreign one with no thinking block open (Gemini signs
     * plain text parts) is held: it becomes the carrier block of a tool call that follows, or is dropped, so that
     * no empty thinking block trails the answer's text (clients such as {@code claude -p} show the last block).
     */
    private void signature(Signature sig, Consumer<SseEvent> out) {
        if (sig == null) {
            return;
        }
        if (open != Block.THINKING && sig.origin() != CLAUDE) {
            pendingSignature = sig;
            return;
        }
        writeSignature(sig, out);
    }

    private void writeSignature(Signature sig, Consumer<SseEvent> out) {
        openBlock(Block.THINKING, out);
        out.accept(writer.delta(index, "signature_delta", "signature", sig.toClientValue(CLAUDE)));
        closeBlock(out);
    }

    private void redacted(String data, Consumer<SseEvent> out) {
        if (data == null || data.isEmpty()) {
            return;
        }
        start(null, out);
        closeBlock(out);
        index++;
        out.accept(writer.blockStart(index, "redacted_thinking", null, null, data));
        out.accept(writer.blockStop(index));
    }

    private void toolStart(StreamEvent.ToolCallStart s, Consumer<SseEvent> out) {
        Signature carried = s.signature() != null && s.signature().origin() != CLAUDE ? s.signature()
                : pendingSignature;
        pendingSignature = null;
        if (carried != null) {
            closeBlock(out);
            writeSignature(carried, out); // the tool call's signature travels as an empty thinking block
        }
        start(null, out);
        closeBlock(out);
        index++;
        open = Block.TOOL;
        openTool = s.index();
        madeToolCalls = true;
        String id = s.id() != null && !s.id().isEmpty() ? s.id() : ClaudeIds.toolUseId(idBase, generatedIds++);
        out.accept(writer.blockStart(index, "tool_use", id, s.name() == null ? "" : s.name(), null));
    }

    private void openBlock(Block kind, Consumer<SseEvent> out) {
        start(null, out);
        if (open == kind) {
            return;
        }
        closeBlock(out);
        index++;
        open = kind;
        out.accept(writer.blockStart(index, kind == Block.TEXT ? "text" : "thinking", null, null, null));
    }

    private void closeBlock(Consumer<SseEvent> out) {
        if (open != Block.NONE) {
            out.accept(writer.blockStop(index));
            open = Block.NONE;
            openTool = -1;
        }
    }

    private void finish(Consumer<SseEvent> out) {
        String reason = ClaudeStopReasons.toWire(finish, stopSequence, madeToolCalls);
        out.accept(writer.messageDelta(reason, "stop_sequence".equals(reason) ? stopSequence : null, usage));
        out.accept(writer.messageStop());
        closed = true;
    }
}
