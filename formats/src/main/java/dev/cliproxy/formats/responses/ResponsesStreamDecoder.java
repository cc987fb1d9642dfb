package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes one upstream Responses / Codex event stream. State is bounded: per output item only a few flags (whether
 * deltas arrived), never the streamed text. Items that arrive whole in {@code output_item.done} without deltas
 * are emitted from that event. A stream that ends without {@code response.completed}, {@code response.incomplete}
 * or {@code response.failed} reports a {@link StreamEvent.StreamError}, so a cut-off answer is never taken for a
 * complete one.
 */
final class ResponsesStreamDecoder implements StreamDecoder {

    /** What is known about one output item, keyed by its output index. */
    private static final class Item {
        int toolIndex = -1;
        boolean deltas;
    }

    private final Map<Integer, Item> items = new HashMap<>();
    private int toolCount;
    private boolean started;
    private boolean terminated;
    private boolean sawToolCall;
    private boolean sawRefusal;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) {
        if (terminated || event.data().length == 0 || event.dataEquals("[DONE]")) {
            return;
        }
        JsonNode e;
        try {
            e = Json.parse(event.data());
        } catch (FormatException ex) {
            return; // keep-alive noise or a partial frame: nothing to decode
        }
        String type = Json.text(e, "type");
        if (type == null) {
            type = event.event();
        }
        if (type != null) {
            dispatch(type, e, out);
        }
    }

    private void dispatch(String type, JsonNode e, Consumer<StreamEvent> out) {
        switch (type) {
            case "response.created" -> start(e.path("response"), out);
            case "response.output_item.added" -> itemAdded(e, out);
            case "response.output_text.delta" -> delta(e, out, false);
            case "response.refusal.delta" -> {
                sawRefusal = true;
                delta(e, out, false);
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> delta(e, out, true);
            case "response.reasoning_summary_part.added" -> {
                if (e.path("summary_index").asInt(0) > 0) {
                    item(e).deltas = true;
                    out.accept(new StreamEvent.ReasoningDelta("\n\n")); // summary parts read as one text
                }
            }
            case "response.function_call_arguments.delta" -> argumentsDelta(e, out);
            case "response.function_call_arguments.done" -> argumentsDone(e, out);
            case "response.output_item.done" -> itemDone(e, out);
            case "response.completed", "response.incomplete" -> finish(e.path("response"), out);
            case "response.failed" -> failed(e, out);
            case "error" -> error(e.has("error") && e.get("error").isObject() ? e.get("error") : e, out);
            default -> {
                // in_progress, content_part.*, *.done texts, annotations, built-in tool progress: nothing new
            }
        }
    }

    private void start(JsonNode resp, Consumer<StreamEvent> out) {
        if (!started) {
            started = true;
            out.accept(new StreamEvent.MessageStart(Json.text(resp, "id"), Json.text(resp, "model"), null));
        }
    }

    private Item item(JsonNode e) {
        return items.computeIfAbsent(e.path("output_index").asInt(0), k -> new Item());
    }

    private void itemAdded(JsonNode e, Consumer<StreamEvent> out) {
        JsonNode it = e.path("item");
        if ("function_call".equals(Json.text(it, "type")) || "custom_tool_call".equals(Json.text(it, "type"))) {
            startTool(item(e), it, out);
        }
    }

    private void startTool(Item state, JsonNode it, Consumer<StreamEvent> out) {
        state.toolIndex = toolCount++;
        sawToolCall = true;
        String name = Json.text(it, "name");
        out.accept(new StreamEvent.ToolCallStart(state.toolIndex, ResponsesResponseDecoder.callId(it),
                name == null ? "" : name, null));
    }

    private void delta(JsonNode e, Consumer<StreamEvent> out, boolean reasoning) {
        String d = Json.text(e, "delta");
        if (d == null || d.isEmpty()) {
            return;
        }
        item(e).deltas = true;
        out.accept(reasoning ? new StreamEvent.ReasoningDelta(d) : new StreamEvent.TextDelta(d));
    }

    private void argumentsDelta(JsonNode e, Consumer<StreamEvent> out) {
        Item state = item(e);
        String d = Json.text(e, "delta");
        if (state.toolIndex >= 0 && d != null && !d.isEmpty()) {
            state.deltas = true;
            out.accept(new StreamEvent.ToolCallDelta(state.toolIndex, d));
        }
    }

    private void argumentsDone(JsonNode e, Consumer<StreamEvent> out) {
        Item state = item(e);
        String args = Json.text(e, "arguments");
        if (state.toolIndex >= 0 && !state.deltas && args != null && !args.isEmpty()) {
            state.deltas = true;
            out.accept(new StreamEvent.ToolCallDelta(state.toolIndex, args));
        }
    }

    private void itemDone(JsonNode e, Consumer<StreamEvent> out) {
        Item state = item(e);
        JsonNode it = e.path("item");
        String type = Json.text(it, "type");
        if (type == null) {
            return;
        }
        switch (type) {
            case "reasoning" -> reasoningDone(state, it, out);
            case "message" -> {
                if (!state.deltas) {
                    for (JsonNode part : it.path("content")) {
                        sawRefusal |= "refusal".equals(Json.text(part, "type"));
                        String t = part.has("refusal") ? Json.text(part, "refusal") : Json.text(part, "text");
                        if (t != null && !t.isEmpty()) {
                            out.accept(new StreamEvent.TextDelta(t));
                        }
                    }
                }
            }
            case "function_call", "custom_tool_call" -> toolDone(state, it, out);
            default -> {
                return; // built-in tool items end without a canonical block
            }
        }
        out.accept(new StreamEvent.BlockEnd());
    }

    private void reasoningDone(Item state, JsonNode it, Consumer<StreamEvent> out) {
        if (!state.deltas) {
            String text = ResponsesResponseDecoder.reasoningText(it);
            if (!text.isEmpty()) {
                out.accept(new StreamEvent.ReasoningDelta(text));
            }
        }
        String enc = Json.text(it, "encrypted_content");
        if (enc != null && !enc.isEmpty()) {
            out.accept(new StreamEvent.ReasoningSignature(new Signature(WireFormat.OPENAI_RESPONSES, enc)));
        }
    }

    private void toolDone(Item state, JsonNode it, Consumer<StreamEvent> out) {
        if (state.toolIndex < 0) {
            startTool(state, it, out);
        }
        if (!state.deltas) {
            String args = "custom_tool_call".equals(Json.text(it, "type"))
                    ? ResponsesResponseDecoder.customToolArguments(it) : Json.text(it, "arguments");
            if (args != null && !args.isEmpty()) {
                state.deltas = true;
                out.accept(new StreamEvent.ToolCallDelta(state.toolIndex, args));
            }
        }
    }

    private void finish(JsonNode resp, Consumer<StreamEvent> out) {
        start(resp, out);
        terminated = true;
        Usage usage = ResponsesResponseDecoder.usage(resp.get("usage"));
        if (usage != null) {
            out.accept(new StreamEvent.UsageUpdate(usage));
        }
        FinishReason reason = ResponsesResponseDecoder.finishReason(resp, sawToolCall, sawRefusal);
        out.accept(new StreamEvent.Finish(reason == null ? FinishReason.STOP : reason, null));
    }

    private void failed(JsonNode e, Consumer<StreamEvent> out) {
        JsonNode err = e.path("response").path("error");
        error(err.isObject() ? err : e, out);
    }

    private void error(JsonNode err, Consumer<StreamEvent> out) {
        terminated = true;
        String code = Json.text(err, "code");
        String message = Json.text(err, "message");
        out.accept(new StreamEvent.StreamError(new ApiError(ResponsesErrors.statusForCode(code),
                message == null ? "upstream reported an error" : message, code)));
    }

    @Override
    public void end(Consumer<StreamEvent> out) {
        if (!terminated) {
            terminated = true;
            out.accept(new StreamEvent.StreamError(new ApiError(502,
                    "upstream stream ended before response.completed", null)));
        }
    }
}
