package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.ByteSearch;
import dev.cliproxy.formats.ChatRequest;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.Codec;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ModelFieldRewriter;
import dev.cliproxy.formats.ReasoningConfig;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.sse.SseEvent;

/**
 * The Google Gemini {@code generateContent} format ({@code generativelanguage.googleapis.com/v1beta}:
 * {@code :generateContent}, {@code :streamGenerateContent?alt=sse}, {@code :countTokens}). The model is part of the
 * URL, never of the body. Requests are read in camelCase or snake_case and written in camelCase.
 */
public final class GeminiCodec implements Codec {
    private static final ModelFieldRewriter MODEL_VERSION = ModelFieldRewriter.topLevel("modelVersion");
    private static final byte[] FINISH_REASON = "\"finishReason\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ERROR_FIELD = "\"error\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);


    @Override
    public WireFormat format() {
        return WireFormat.GEMINI;
    }

    @Override
    public ChatRequest decodeRequest(JsonNode body) {
        return GeminiRequestDecoder.decode(body);
    }

    @Override
    public byte[] encodeRequest(ChatRequest request) {
        return GeminiRequestEncoder.encode(request);
    }

    @Override
    public ChatResponse decodeResponse(byte[] body) {
        return GeminiResponseDecoder.decode(body);
    }

    @Override
    public byte[] encodeResponse(ChatResponse response, ResponseContext context) {
        return GeminiResponseEncoder.encode(response, context);
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new GeminiStreamDecoder();
    }

    @Override
    public StreamEncoder newStreamEncoder(ResponseContext context) {
        return new GeminiStreamEncoder(context);
    }

    @Override
    public byte[] encodeError(ApiError error) {
        return GeminiErrors.encode(error);
    }

    @Override
    public SseEvent encodeStreamError(ApiError error) {
        return SseEvent.data(GeminiErrors.encode(error));
    }

    @Override
    public ApiError decodeError(int status, byte[] body) {
        return GeminiErrors.decode(status, body);
    }

    @Override
    public byte[] encodeTokenCount(long inputTokens) {
        var root = Json.object().put("totalTokens", inputTokens);
        root.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", inputTokens);
        return Json.write(root);
    }

    @Override
    public long decodeTokenCount(byte[] body) {
        try {
            JsonNode root = body == null ? null : Json.MAPPER.readTree(body);
            JsonNode total = GeminiField.TOTAL_TOKENS.in(root);
            return total != null && total.canConvertToLong() && total.isIntegralNumber() ? total.longValue() : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public byte[] withReasoning(byte[] body, ReasoningConfig reasoning, String model) {
        if (!(Json.parse(body) instanceof ObjectNode root)) {
            return body;
        }
        ObjectNode gc = root.path("generationConfig") instanceof ObjectNode o ? o : root.putObject("generationConfig");
        gc.remove("thinkingConfig");
        GeminiThinking.write(reasoning, model, gc);
        return Json.write(root);
    }

    @Override
    public byte[] dropForeignReasoning(byte[] body) {
        return GeminiReasoningFilter.filter(body);
    }

    /** Gemini names the model in the URL. */
    @Override
    public ModelFieldRewriter requestModelField() {
        return null;
    }

    @Override
    public ModelFieldRewriter responseModelField() {
        return MODEL_VERSION;
    }

    @Override
    public ModelFieldRewriter eventModelField() {
        return MODEL_VERSION;
    }

    /** A chunk with a {@code finishReason}, a named {@code error} event, or an in-band {@code {"error":...}}. */
    @Override
    public boolean isTerminal(SseEvent event) {
        return ByteSearch.contains(event.data(), FINISH_REASON) || "error".equals(event.event())
                || ByteSearch.startsWithField(event.data(), ERROR_FIELD);
    }

    /** Gemini streams by URL ({@code :streamGenerateContent}): the body has no stream flag. */
    @Override
    public byte[] withStreamFlag(byte[] body, boolean stream) {
        return body;
    }

    @Override
    public boolean answersEchoRequest() {
        return false;
    }
}
