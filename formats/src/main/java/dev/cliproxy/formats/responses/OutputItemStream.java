package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The output items of one Responses stream: opens, feeds and closes reasoning, message and function-call items
 * with their exact event sequences, one item at a time, and keeps the finished items for the final response
 * (only the answer's text and arguments, which the {@code response.completed} payload must repeat).
 */
final class OutputItemStream {

    private enum Kind { NONE, REASONING, TEXT, TOOL }

    /** One function call: its ids and the argument text so far. */
    private static final class Tool {
        final String itemId;
        final int outputIndex;
        final String callId;
        final String name;
        final StringBuilder args = new StringBuilder();
        ObjectNode done;

        Tool(String itemId, int outputIndex, String callId, String name) {
            this.itemId = itemId;
            this.outputIndex = outputIndex;
            this.callId = callId;
            this.name = name;
        }
    }

    private final StreamEventWriter w;
    private final ResponseIds ids;
    private final ArrayNode output = Json.MAPPER.createArrayNode();
    private final Map<Integer, Tool> tools = new HashMap<>();
    private Kind open = Kind.NONE;
    private int nextIndex;
    private String openId;
    private int openIndex;
    private StringBuilder text;
    private boolean summaryPart;
    private Tool openTool;

    OutputItemStream(StreamEventWriter w, ResponseIds ids) {
        this.w = w;
        this.ids = ids;
    }

    /** The finished items, for the terminal event. */
    ArrayNode output() {
        return output;
    }

    boolean hasToolCalls() {
        return !tools.isEmpty();
    }

    void text(String delta, Consumer<SseEvent> out) {
        if (open != Kind.TEXT) {
            close(out);
            openItem(Kind.TEXT, "msg");
            out.accept(w.begin("response.output_item.added").num("output_index", openIndex)
                    .tree("item", ResponseObjectWriter.messageItem(openId, "in_progress")).end());
            out.accept(w.begin("response.content_part.added").str("item_id", openId).num("output_index", openIndex)
                    .num("content_index", 0).tree("part", ResponseObjectWriter.outputText("")).end());
        }
        text.append(delta);
        out.accept(w.begin("response.output_text.delta").str("item_id", openId).num("output_index", openIndex)
                .num("content_index", 0).str("delta", delta).emptyArray("logprobs").end());
    }

    void reasoning(String delta, Consumer<SseEvent> out) {
        openReasoning(out);
        if (!summaryPart) {
            summaryPart = true;
            out.accept(w.begin("response.reasoning_summary_part.added").str("item_id", openId)
                    .num("output_index", openIndex).num("summary_index", 0)
                    .tree("part", Json.object().put("type", "summary_text").put("text", "")).end());
        }
        text.append(delta);
        out.accept(w.begin("response.reasoning_summary_text.delta").str("item_id", openId)
                .num("output_index", openIndex).num("summary_index", 0).str("delta", delta).end());
    }

    /** Ends the current reasoning item (opening an empty one if needed) with its encrypted content. */
    void reasoningSignature(String encryptedContent, Consumer<SseEvent> out) {
        openReasoning(out);
        closeReasoning(encryptedContent, out);
    }

    void toolStart(int index, String callId, String name, Consumer<SseEvent> out) {
        close(out);
        int outputIndex = openItem(Kind.TOOL, "fc");
        openTool = new Tool(openId, outputIndex, callId != null ? callId : ids.callId(outputIndex), name);
        tools.put(index, openTool);
        out.accept(w.begin("response.output_item.added").num("output_index", outputIndex)
                .tree("item", ResponseObjectWriter.functionCallItem(openId, "in_progress", openTool.callId,
                        openTool.name, "")).end());
    }

    /** Streams an argument fragment as it arrives; fragments of an already closed call still reach the client. */
    void toolDelta(int index, String fragment, Consumer<SseEvent> out) {
        Tool t = tools.get(index);
        if (t == null) {
            return; // a delta for a call that never started cannot be placed
        }
        t.args.append(fragment);
        out.accept(w.begin("response.function_call_arguments.delta").str("item_id", t.itemId)
                .num("output_index", t.outputIndex).str("delta", fragment).end());
        if (t.done != null) {
            t.done.put("arguments", t.args.toString());
        }
    }

    /** Closes whatever item is open. */
    void close(Consumer<SseEvent> out) {
        close(false, out);
    }

    /** Closes whatever item is open; a message cut short by the token limit or a filter is {@code incomplete}. */
    void close(boolean cutShort, Consumer<SseEvent> out) {
        switch (open) {
            case TEXT -> closeText(cutShort ? "incomplete" : "completed", out);
            case REASONING -> closeReasoning(null, out);
            case TOOL -> closeTool(out);
            case NONE -> {
                // nothing open
            }
        }
    }

    private int openItem(Kind kind, String prefix) {
        open = kind;
        openIndex = nextIndex++;
        openId = ids.item(prefix, openIndex);
        text = kind == Kind.TOOL ? null : new StringBuilder();
        summaryPart = false;
        return openIndex;
    }

    private void openReasoning(Consumer<SseEvent> out) {
        if (open == Kind.REASONING) {
            return;
        }
        close(out);
        openItem(Kind.REASONING, "rs");
        out.accept(w.begin("response.output_item.added").num("output_index", openIndex)
                .tree("item", Json.object().put("id", openId).put("type", "reasoning").set("summary",
                        Json.MAPPER.createArrayNode())).end());
    }

    private void closeText(String status, Consumer<SseEvent> out) {
        String t = text.toString();
        out.accept(w.begin("response.output_text.done").str("item_id", openId).num("output_index", openIndex)
                .num("content_index", 0).str("text", t).emptyArray("logprobs").end());
        ObjectNode part = ResponseObjectWriter.outputText(t);
        out.accept(w.begin("response.content_part.done").str("item_id", openId).num("output_index", openIndex)
                .num("content_index", 0).tree("part", part).end());
        ObjectNode item = ResponseObjectWriter.messageItem(openId, status);
        ((ArrayNode) item.get("content")).add(part);
        finishItem(item, out);
    }

    private void closeReasoning(String encryptedContent, Consumer<SseEvent> out) {
        String t = text.toString();
        if (summaryPart) {
            out.accept(w.begin("response.reasoning_summary_text.done").str("item_id", openId)
                    .num("output_index", openIndex).num("summary_index", 0).str("text", t).end());
            out.accept(w.begin("response.reasoning_summary_part.done").str("item_id", openId)
                    .num("output_index", openIndex).num("summary_index", 0)
                    .tree("part", Json.object().put("type", "summary_text").put("text", t)).end());
        }
        finishItem(ResponseObjectWriter.reasoningItem(openId, t, encryptedContent), out);
    }

    private void closeTool(Consumer<SseEvent> out) {
        Tool t = openTool;
        openTool = null;
        String args = t.args.isEmpty() ? "{}" : t.args.toString();
        out.accept(w.begin("response.function_call_arguments.done").str("item_id", t.itemId)
                .num("output_index", t.outputIndex).str("arguments", args).end());
        t.done = ResponseObjectWriter.functionCallItem(t.itemId, "completed", t.callId, t.name, args);
        finishItem(t.done, out);
    }

    private void finishItem(ObjectNode item, Consumer<SseEvent> out) {
        out.accept(w.begin("response.output_item.done").num("output_index", openIndex).tree("item", item).end());
        output.add(item);
        open = Kind.NONE;
        text = null;
        summaryPart = false;
    }
}
