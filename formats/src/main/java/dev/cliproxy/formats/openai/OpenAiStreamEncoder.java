package dev.cliproxy.formats.openai;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns canonical events into the chunk sequence Chat Completions clients expect: a role chunk, content /
 * reasoning / tool-call deltas as they arrive, then at the end a finish chunk, a usage chunk when the client asked
 * for one, and {@code [DONE]}. The finish chunk is held until the end so that nothing follows it but usage.
 * After a {@code StreamError} only the error event is sent (no finish, no {@code [DONE]}), as the API does when a
 * stream fails after it started.
 */
final class OpenAiStreamEncoder implements StreamEncoder {

    private final ResponseContext ctx;
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private OpenAiChunkWriter writer;
    private int signedBlocks;
    private Usage usage;
    private FinishReason finish;
    private boolean closed;

    OpenAiStreamEncoder(ResponseContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void encode(StreamEvent event, Consumer<SseEvent> out) {
        if (closed) {
            return;
        }
        switch (event) {
            case StreamEvent.MessageStart s -> {
                start(s.id(), s.model(), out);
                mergeUsage(s.usage());
            }
            case StreamEvent.TextDelta d -> text("content", d.text(), out);
            case StreamEvent.ReasoningDelta d -> text("reasoning_content", d.text(), out);
            case StreamEvent.ReasoningSignature s -> signature(s.signature(), out);
            case StreamEvent.ToolCallStart s -> toolStart(s, out);
            case StreamEvent.ToolCallDelta d -> toolDelta(d, out);
            case StreamEvent.UsageUpdate u -> mergeUsage(u.usage());
            case StreamEvent.Finish f -> finish = f.reason();
            case StreamEvent.StreamError e -> {
                out.accept(SseEvent.data(OpenAiErrors.encode(e.error())));
                closed = true;
            }
            case StreamEvent.RedactedReasoning ignored -> {
                // Chat Completions has no carrier for opaque redacted reasoning
            }
            case StreamEvent.BlockEnd ignored -> {
                // chunks have no blocks to close
            }
        }
    }

    @Override
    public void end(Consumer<SseEvent> out) {
        if (closed) {
            return;
        }
        closed = true;
        start(null, null, out);
        out.accept(writer.finish(OpenAiWire.finishReason(finish, !toolIndexes.isEmpty())));
        if (ctx.includeUsage() && usage != null) {
            out.accept(writer.usage(usage));
        }
        out.accept(SseEvent.data("[DONE]"));
    }

    private void start(String upstreamId, String upstreamModel, Consumer<SseEvent> out) {
        if (writer != null) {
            return;
        }
        String id = upstreamId != null && !upstreamId.isEmpty()
                ? upstreamId : OpenAiWire.completionId(ctx.requestId());
        String model = ctx.model() != null ? ctx.model() : upstreamModel == null ? "" : upstreamModel;
        writer = new OpenAiChunkWriter(id, model, OpenAiResponseEncoder.created(ctx));
        out.accept(writer.role());
    }

    private void text(String field, String text, Consumer<SseEvent> out) {
        if (text == null || text.isEmpty()) {
            return;
        }
        start(null, null, out);
        out.accept(writer.text(field, text));
    }

    private void signature(Signature signature, Consumer<SseEvent> out) {
        if (signature == null) {
            return;
        }
        start(null, null, out);
        out.accept(writer.reasoningSignature(signature.toClientValue(WireFormat.OPENAI_CHAT), signedBlocks++));
    }

    private void toolStart(StreamEvent.ToolCallStart s, Consumer<SseEvent> out) {
        if (toolIndexes.containsKey(s.index())) {
            return;
        }
        start(null, null, out);
        int index = toolIndexes.size();
        toolIndexes.put(s.index(), index);
        String callId = s.id() == null || s.id().isEmpty() ? OpenAiWire.callId() : s.id();
        String signature = s.signature() == null ? null : s.signature().toClientValue(WireFormat.OPENAI_CHAT);
        out.accept(writer.toolStart(index, callId, s.name(), signature));
    }

    private void toolDelta(StreamEvent.ToolCallDelta d, Consumer<SseEvent> out) {
        Integer index = toolIndexes.get(d.index());
        String fragment = d.argumentsFragment();
        if (index == null || fragment == null || fragment.isEmpty()) {
            return; // a fragment without its start cannot be attributed to a call
        }
        out.accept(writer.toolArguments(index, fragment));
    }

    private void mergeUsage(Usage u) {
        if (u != null) {
            usage = usage == null ? u : u.max(usage);
        }
    }
}
