package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.function.Consumer;

/**
 * Encodes canonical events as a Responses event stream: {@code response.created}, {@code response.in_progress},
 * the items' events (see {@link OutputItemStream}), then exactly one terminal event: {@code response.completed},
 * {@code response.incomplete} (length or content filter) or {@code response.failed}. An in-stream error is sent
 * as the documented {@code error} event followed by {@code response.failed}, as the OpenAI API itself does;
 * nothing follows it. Claude's redacted reasoning has no Responses form and is not sent.
 */
final class ResponsesStreamEncoder implements StreamEncoder {

    private final ResponseContext ctx;
    private final StreamEventWriter w = new StreamEventWriter();
    private ResponseIds ids;
    private OutputItemStream items;
    private Usage usage;
    private FinishReason finish;
    private boolean terminated;

    ResponsesStreamEncoder(ResponseContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void encode(StreamEvent event, Consumer<SseEvent> out) {
        if (terminated) {
            return;
        }
        switch (event) {
            case StreamEvent.MessageStart s -> {
                start(s.id(), out);
                usage = s.usage() == null ? usage : s.usage().max(usage);
            }
            case StreamEvent.TextDelta d -> {
                if (!d.text().isEmpty()) {
                    start(null, out);
                    items.text(d.text(), out);
                }
            }
            case StreamEvent.ReasoningDelta d -> {
                if (!d.text().isEmpty()) {
                    start(null, out);
                    items.reasoning(d.text(), out);
                }
            }
            case StreamEvent.ReasoningSignature s -> {
                start(null, out);
                items.reasoningSignature(s.signature().toClientValue(WireFormat.OPENAI_RESPONSES), out);
            }
            case StreamEvent.ToolCallStart s -> {
                start(null, out);
                items.toolStart(s.index(), s.id(), s.name(), out);
            }
            case StreamEvent.ToolCallDelta d -> {
                if (items != null && !d.argumentsFragment().isEmpty()) {
                    items.toolDelta(d.index(), d.argumentsFragment(), out);
                }
            }
            case StreamEvent.BlockEnd ignored -> {
                if (items != null) {
                    items.close(out);
                }
            }
            case StreamEvent.UsageUpdate u -> usage = u.usage().max(usage);
            case StreamEvent.Finish f -> finish = f.reason();
            case StreamEvent.StreamError e -> fail(e.error(), out);
            case StreamEvent.RedactedReasoning ignored -> {
                // opaque Claude data: a Responses client could neither show nor return it meaningfully
            }
        }
    }

    @Override
    public void end(Consumer<SseEvent> out) {
        if (terminated) {
            return;
        }
        start(null, out);
        terminated = true;
        FinishReason reason = finish != null ? finish
                : items.hasToolCalls() ? FinishReason.TOOL_CALLS : FinishReason.STOP;
        ResponseObjectWriter.Outcome outcome = ResponseObjectWriter.Outcome.of(reason);
        items.close(outcome.incompleteReason() != null, out);
        String type = switch (outcome.status()) {
            case "incomplete" -> "response.incomplete";
            case "failed" -> "response.failed";
            default -> "response.completed";
        };
        terminal(type, outcome, out);
    }

    private void start(String upstreamId, Consumer<SseEvent> out) {
        if (items != null) {
            return;
        }
        ids = ResponseIds.of(upstreamId, ctx.requestId());
        items = new OutputItemStream(w, ids);
        for (String type : new String[] {"response.created", "response.in_progress"}) {
            out.accept(w.begin(type).tree("response", ResponseObjectWriter.response(ids.responseId(), ctx,
                    ResponseObjectWriter.Outcome.IN_PROGRESS, Json.MAPPER.createArrayNode(), null)).end());
        }
    }

    /** The documented {@code error} event, then {@code response.failed} with the items finished so far. */
    private void fail(ApiError error, Consumer<SseEvent> out) {
        start(null, out);
        terminated = true;
        String code = ResponsesErrors.streamCode(error);
        out.accept(w.begin("error").str("code", code).str("message", error.message()).nul("param").end());
        terminal("response.failed", ResponseObjectWriter.Outcome.failed(code, error.message()), out);
    }

    private void terminal(String type, ResponseObjectWriter.Outcome outcome, Consumer<SseEvent> out) {
        ArrayNode output = items.output();
        out.accept(w.begin(type).tree("response",
                ResponseObjectWriter.response(ids.responseId(), ctx, outcome, output, usage)).end());
    }
}
