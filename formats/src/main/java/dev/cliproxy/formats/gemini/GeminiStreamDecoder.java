package dev.cliproxy.formats.gemini;

import static dev.cliproxy.formats.gemini.GeminiField.ARGS;
import static dev.cliproxy.formats.gemini.GeminiField.BLOCK_REASON;
import static dev.cliproxy.formats.gemini.GeminiField.CONTENT;
import static dev.cliproxy.formats.gemini.GeminiField.FINISH_REASON;
import static dev.cliproxy.formats.gemini.GeminiField.FUNCTION_CALL;
import static dev.cliproxy.formats.gemini.GeminiField.ID;
import static dev.cliproxy.formats.gemini.GeminiField.MODEL_VERSION;
import static dev.cliproxy.formats.gemini.GeminiField.NAME;
import static dev.cliproxy.formats.gemini.GeminiField.PARTS;
import static dev.cliproxy.formats.gemini.GeminiField.PROMPT_FEEDBACK;
import static dev.cliproxy.formats.gemini.GeminiField.RESPONSE_ID;
import static dev.cliproxy.formats.gemini.GeminiField.TEXT;
import static dev.cliproxy.formats.gemini.GeminiField.THOUGHT;
import static dev.cliproxy.formats.gemini.GeminiField.THOUGHT_SIGNATURE;
import static dev.cliproxy.formats.gemini.GeminiField.USAGE_METADATA;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FinishReason;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Signature;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.formats.sse.SseEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes an upstream {@code streamGenerateContent?alt=sse} stream: every data event is a whole
 * {@code GenerateContentResponse} chunk. Text and thought parts become deltas; a {@code thoughtSignature} becomes a
 * {@link StreamEvent.ReasoningSignature} after its part (also on plain text parts, so the signature survives);
 * function calls arrive whole, as a start and one argument delta; code execution parts stream as fenced text;
 * inline media (generated images, audio) has no canonical stream event and is skipped. The finish is held back until
 * {@link #end} so the usage and signatures of the last chunk come before it.
 */
final class GeminiStreamDecoder implements StreamDecoder {

    private boolean started;
    private boolean sawToolCall;
    private String finishReason;
    private boolean blocked;
    private int toolIndex;
    private GeminiToolIds ids;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) {
        if (event.dataEquals("[DONE]")) {
            return;
        }
        JsonNode chunk;
        try {
            chunk = Json.MAPPER.readTree(event.data());
        } catch (IOException e) {
            out.accept(new StreamEvent.StreamError(ApiError.of(502, "malformed Gemini stream chunk: "
                    + e.getMessage())));
            return;
        }
        if (chunk == null) {
            return;
        }
        if (chunk.isArray()) {
            chunk.forEach(c -> decodeChunk(c, out));
        } else {
            decodeChunk(chunk, out);
        }
    }

    private void decodeChunk(JsonNode chunk, Consumer<StreamEvent> out) {
        if (!chunk.isObject()) {
            return;
        }
        JsonNode error = chunk.get("error");
        if (error != null && error.isObject()) {
            out.accept(new StreamEvent.StreamError(GeminiErrors.fromErrorObject(error, 0)));
            return;
        }
        String responseId = RESPONSE_ID.text(chunk);
        if (!started) {
            started = true;
            ids = GeminiToolIds.forResponse(responseId);
            out.accept(new StreamEvent.MessageStart(responseId, MODEL_VERSION.text(chunk), null));
        }
        JsonNode candidate = GeminiResponseDecoder.firstCandidate(chunk);
        JsonNode parts = PARTS.in(CONTENT.in(candidate));
        if (parts != null && parts.isArray()) {
            parts.forEach(p -> part(p, out));
        }
        Usage usage = GeminiUsage.decode(USAGE_METADATA.in(chunk));
        if (usage != null) {
            out.accept(new StreamEvent.UsageUpdate(usage));
        }
        String reason = FINISH_REASON.text(candidate);
        if (reason != null) {
            finishReason = reason;
        }
        if (candidate == null && BLOCK_REASON.text(PROMPT_FEEDBACK.in(chunk)) != null) {
            blocked = true;
        }
    }

    private void part(JsonNode part, Consumer<StreamEvent> out) {
        if (!part.isObject()) {
            return;
        }
        String rawSignature = THOUGHT_SIGNATURE.text(part);
        Signature signature = rawSignature == null || rawSignature.isEmpty() ? null
                : new Signature(WireFormat.GEMINI, rawSignature);
        JsonNode call = FUNCTION_CALL.in(part);
        if (call != null) {
            toolCall(call, signature, out);
            return;
        }
        String text = TEXT.text(part);
        if (text != null && !text.isEmpty()) {
            out.accept(Boolean.TRUE.equals(THOUGHT.bool(part)) ? new StreamEvent.ReasoningDelta(text)
                    : new StreamEvent.TextDelta(text));
        } else if (text == null) {
            List<ContentPart> code = new ArrayList<>(1);
            GeminiPartReader.readCode(part, code);
            for (ContentPart p : code) {
                out.accept(new StreamEvent.TextDelta(((ContentPart.Text) p).text()));
            }
        }
        if (signature != null) {
            out.accept(new StreamEvent.ReasoningSignature(signature));
        }
    }

    private void toolCall(JsonNode call, Signature signature, Consumer<StreamEvent> out) {
        String name = NAME.text(call);
        if (name == null || name.isEmpty()) {
            return;
        }
        JsonNode args = ARGS.in(call);
        int index = toolIndex++;
        sawToolCall = true;
        out.accept(new StreamEvent.ToolCallStart(index, ids.callId(name, ID.text(call)), name, signature));
        out.accept(new StreamEvent.ToolCallDelta(index, args != null && args.isObject() ? args.toString() : "{}"));
    }

    @Override
    public void end(Consumer<StreamEvent> out) {
        if (finishReason != null) {
            out.accept(new StreamEvent.Finish(GeminiFinishReasons.decode(finishReason, sawToolCall), null));
        } else if (blocked) {
            out.accept(new StreamEvent.Finish(FinishReason.CONTENT_FILTER, null));
        }
        finishReason = null;
        blocked = false;
    }
}
