package dev.cliproxy.formats.claude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads an api.anthropic.com stream. Blocks never interleave, so only the current block's kind is kept. Usage is
 * kept as Claude's raw counters (message_start, then message_delta's cumulative values where present) and sent as
 * canonical totals. message_delta gives the {@link StreamEvent.Finish} first, then the {@link StreamEvent.UsageUpdate}
 * (so encoders holding their final event can send it at once). Pings, message_stop, citations and server-tool
 * blocks produce nothing; unreadable events are skipped.
 */
final class ClaudeStreamDecoder implements StreamDecoder {

    private enum Kind { NONE, TEXT, THINKING, REDACTED, TOOL, IGNORED }

    private Kind current = Kind.NONE;
    private int toolOrdinal = -1;
    private long input;
    private long output;
    private long cacheRead;
    private long cacheCreation;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(event.data());
        } catch (IOException e) {
            return;
        }
        if (n == null || !n.isObject()) {
            return;
        }
        String type = Json.text(n, "type");
        if (type == null) {
            type = event.event() == null ? "" : event.event();
        }
        switch (type) {
            case "message_start" -> messageStart(n.get("message"), out);
            case "content_block_start" -> blockStart(n.get("content_block"), out);
            case "content_block_delta" -> blockDelta(n.get("delta"), out);
            case "content_block_stop" -> {
                if (current != Kind.IGNORED && current != Kind.NONE) {
                    out.accept(new StreamEvent.BlockEnd());
                }
                current = Kind.NONE;
            }
            case "message_delta" -> messageDelta(n, out);
            case "error" -> out.accept(new StreamEvent.StreamError(error(n.get("error"))));
            default -> {
                // ping, message_stop and unknown events
            }
        }
    }

    private void messageStart(JsonNode message, Consumer<StreamEvent> out) {
        if (message == null || !message.isObject()) {
            return;
        }
        JsonNode usage = message.get("usage");
        Usage u = null;
        if (usage != null && usage.isObject()) {
            readUsage(usage);
            u = canonicalUsage();
        }
        out.accept(new StreamEvent.MessageStart(Json.text(message, "id"), Json.text(message, "model"), u));
    }

    private void blockStart(JsonNode block, Consumer<StreamEvent> out) {
        String type = block == null ? null : Json.text(block, "type");
        if (type == null) {
            current = Kind.IGNORED;
            return;
        }
        switch (type) {
            case "text" -> {
                current = Kind.TEXT;
                emitText(Json.text(block, "text"), false, out);
            }
            case "thinking" -> {
                current = Kind.THINKING;
                emitText(Json.text(block, "thinking"), true, out);
            }
            case "redacted_thinking" -> {
                current = Kind.REDACTED;
                String data = Json.text(block, "data");
                if (data != null && !data.isEmpty()) {
                    out.accept(new StreamEvent.RedactedReasoning(data));
                }
            }
            case "tool_use" -> toolStart(block, out);
            default -> current = Kind.IGNORED;
        }
    }

    private void toolStart(JsonNode block, Consumer<StreamEvent> out) {
        current = Kind.TOOL;
        toolOrdinal++;
        String name = Json.text(block, "name");
        out.accept(new StreamEvent.ToolCallStart(toolOrdinal, Json.text(block, "id"), name == null ? "" : name,
                null));
        JsonNode input = block.get("input");
        if (input != null && input.isObject() && !input.isEmpty()) {
            out.accept(new StreamEvent.ToolCallDelta(toolOrdinal, input.toString()));
        }
    }

    private void blockDelta(JsonNode delta, Consumer<StreamEvent> out) {
        String type = delta == null ? null : Json.text(delta, "type");
        if (type == null || current == Kind.IGNORED) {
            return;
        }
        switch (type) {
            case "text_delta" -> emitText(Json.text(delta, "text"), false, out);
            case "thinking_delta" -> emitText(Json.text(delta, "thinking"), true, out);
            case "signature_delta" -> {
                String sig = Json.text(delta, "signature");
                if (sig != null && !sig.isEmpty()) {
                    out.accept(new StreamEvent.ReasoningSignature(new Signature(WireFormat.CLAUDE_MESSAGES, sig)));
                }
            }
            case "input_json_delta" -> {
                String partial = Json.text(delta, "partial_json");
                if (current == Kind.TOOL && partial != null && !partial.isEmpty()) {
                    out.accept(new StreamEvent.ToolCallDelta(toolOrdinal, partial));
                }
            }
            default -> {
                // citations_delta and unknown deltas
            }
        }
    }

    private static void emitText(String text, boolean reasoning, Consumer<StreamEvent> out) {
        if (text != null && !text.isEmpty()) {
            out.accept(reasoning ? new StreamEvent.ReasoningDelta(text) : new StreamEvent.TextDelta(text));
        }
    }

    private void messageDelta(JsonNode n, Consumer<StreamEvent> out) {
        JsonNode delta = n.get("delta");
        String stopReason = delta == null ? null : Json.text(delta, "stop_reason");
        if (stopReason != null) {
            String seq = "stop_sequence".equals(stopReason) ? Json.text(delta, "stop_sequence") : null;
            out.accept(new StreamEvent.Finish(ClaudeStopReasons.fromWire(stopReason), seq));
        }
        JsonNode usage = n.get("usage");
        if (usage != null && usage.isObject()) {
            readUsage(usage);
            out.accept(new StreamEvent.UsageUpdate(canonicalUsage()));
        }
    }

    /** Overlays the counters present in {@code usage} (each is cumulative). */
    private void readUsage(JsonNode usage) {
        if (ClaudeUsage.hasCount(usage, "input_tokens")) {
            input = ClaudeUsage.count(usage, "input_tokens");
        }
        if (ClaudeUsage.hasCount(usage, "output_tokens")) {
            output = ClaudeUsage.count(usage, "output_tokens");
        }
        if (ClaudeUsage.hasCount(usage, "cache_read_input_tokens")) {
            cacheRead = ClaudeUsage.count(usage, "cache_read_input_tokens");
        }
        if (ClaudeUsage.hasCount(usage, "cache_creation_input_tokens")) {
            cacheCreation = ClaudeUsage.count(usage, "cache_creation_input_tokens");
        }
    }

    private Usage canonicalUsage() {
        return new Usage(input + cacheRead + cacheCreation, output, cacheRead, cacheCreation, 0);
    }

    private static ApiError error(JsonNode err) {
        String type = err == null ? null : Json.text(err, "type");
        String message = err == null ? null : Json.text(err, "message");
        return new ApiError(ClaudeErrors.statusFor(type), message == null ? "upstream stream error" : message, type);
    }
}
