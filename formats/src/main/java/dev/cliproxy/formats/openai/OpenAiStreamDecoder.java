package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads an upstream {@code chat.completion.chunk} stream until {@code [DONE]}. Only choice 0 is followed. Chunks
 * that are not JSON objects (keep-alives, junk) are skipped; {@code {"error":...}} data becomes a StreamError.
 */
final class OpenAiStreamDecoder implements StreamDecoder {

    private final OpenAiToolCallAssembler tools = new OpenAiToolCallAssembler();
    private boolean started;
    private boolean done;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) {
        if (done) {
            return;
        }
        if (event.dataEquals("[DONE]")) {
            tools.flush(out);
            done = true;
            return;
        }
        JsonNode chunk;
        try {
            chunk = Json.MAPPER.readTree(event.data());
        } catch (IOException notJson) {
            return;
        }
        if (chunk == null || !chunk.isObject()) {
            return;
        }
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            out.accept(new StreamEvent.StreamError(error(error)));
            return;
        }
        if (!started) {
            started = true;
            out.accept(new StreamEvent.MessageStart(JsonFields.lenientText(chunk, "id"),
                    JsonFields.lenientText(chunk, "model"), null));
        }
        JsonNode choice = firstChoice(chunk.get("choices"));
        if (choice != null) {
            choice(choice, out);
        }
        Usage usage = OpenAiUsage.read(chunk.get("usage"));
        if (usage != null) {
            out.accept(new StreamEvent.UsageUpdate(usage));
        }
    }

    @Override
    public void end(Consumer<StreamEvent> out) {
        tools.flush(out);
    }

    private static JsonNode firstChoice(JsonNode choices) {
        if (choices == null || !choices.isArray()) {
            return null;
        }
        for (JsonNode c : choices) {
            JsonNode index = c.get("index");
            if (c.isObject() && (index == null || index.asInt(0) == 0)) {
                return c;
            }
        }
        return null;
    }

    private void choice(JsonNode choice, Consumer<StreamEvent> out) {
        JsonNode delta = choice.get("delta");
        if (delta != null && delta.isObject()) {
            delta(delta, out);
        }
        String finish = JsonFields.lenientText(choice, "finish_reason");
        if (finish != null) {
            tools.flush(out);
            out.accept(new StreamEvent.Finish(OpenAiWire.finishReason(finish), null));
        }
    }

    private void delta(JsonNode delta, Consumer<StreamEvent> out) {
        String reasoning = JsonFields.lenientText(delta, "reasoning_content");
        if (reasoning == null) {
            reasoning = JsonFields.lenientText(delta, "reasoning");
        }
        JsonNode details = delta.get("reasoning_details");
        if (reasoning == null && details != null && details.isArray()) {
            reasoning = detailText(details);
        }
        emitText(reasoning, true, out);
        if (details != null && details.isArray()) {
            signatures(details, out);
        }
        emitText(JsonFields.lenientText(delta, "content"), false, out);
        emitText(JsonFields.lenientText(delta, "refusal"), false, out);
        JsonNode calls = delta.get("tool_calls");
        if (calls != null && calls.isArray()) {
            tools.toolCalls(calls, out);
        }
        JsonNode fc = delta.get("function_call");
        if (fc != null && fc.isObject()) {
            tools.functionCall(fc, out);
        }
    }

    private static void emitText(String text, boolean reasoning, Consumer<StreamEvent> out) {
        if (text != null && !text.isEmpty()) {
            out.accept(reasoning ? new StreamEvent.ReasoningDelta(text) : new StreamEvent.TextDelta(text));
        }
    }

    private static String detailText(JsonNode details) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode d : details) {
            if (OpenAiReasoning.DETAIL_TYPE.equals(JsonFields.lenientText(d, "type"))) {
                String t = JsonFields.lenientText(d, "text");
                sb.append(t == null ? "" : t);
            }
        }
        return sb.toString();
    }

    private static void signatures(JsonNode details, Consumer<StreamEvent> out) {
        for (JsonNode d : details) {
            if (OpenAiReasoning.DETAIL_TYPE.equals(JsonFields.lenientText(d, "type"))) {
                Signature s = OpenAiResponseDecoder.signature(JsonFields.lenientText(d, "signature"));
                if (s != null) {
                    out.accept(new StreamEvent.ReasoningSignature(s));
                }
            }
        }
    }

    private static ApiError error(JsonNode error) {
        if (error.isTextual()) {
            return new ApiError(500, error.textValue(), null);
        }
        String message = JsonFields.lenientText(error, "message");
        return new ApiError(OpenAiErrors.statusOf(error), message == null ? error.toString() : message,
                JsonFields.lenientText(error, "code"));
    }
}
