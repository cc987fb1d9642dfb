package dev.cliproxy.formats.openai;

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
 * The OpenAI Chat Completions codec ({@code POST /v1/chat/completions}): requests, {@code chat.completion}
 * objects, {@code chat.completion.chunk} streams ending in {@code [DONE]}, and the
 * {@code {"error":{"message","type","param","code"}}} error shape.
 *
 * <p>Chat Completions has no field for reasoning signatures. This codec carries them in two widely used
 * extensions: reasoning signatures in OpenRouter's {@code reasoning_details} entries, and tool-call (Gemini)
 * signatures in Google's {@code extra_content.google.thought_signature}. Reasoning text travels as
 * {@code reasoning_content}.
 */
public final class OpenAiChatCodec implements Codec {
    private static final byte[] ERROR_FIELD = "\"error\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);


    @Override
    public WireFormat format() {
        return WireFormat.OPENAI_CHAT;
    }

    @Override
    public ChatRequest decodeRequest(JsonNode body) {
        return OpenAiRequestDecoder.decode(body);
    }

    @Override
    public byte[] encodeRequest(ChatRequest request) {
        return OpenAiRequestEncoder.encode(request);
    }

    @Override
    public ChatResponse decodeResponse(byte[] body) {
        return OpenAiResponseDecoder.decode(body);
    }

    @Override
    public byte[] encodeResponse(ChatResponse response, ResponseContext context) {
        return OpenAiResponseEncoder.encode(response, context);
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new OpenAiStreamDecoder();
    }

    @Override
    public StreamEncoder newStreamEncoder(ResponseContext context) {
        return new OpenAiStreamEncoder(context);
    }

    @Override
    public byte[] encodeError(ApiError error) {
        return OpenAiErrors.encode(error);
    }

    @Override
    public SseEvent encodeStreamError(ApiError error) {
        return SseEvent.data(OpenAiErrors.encode(error));
    }

    @Override
    public ApiError decodeError(int status, byte[] body) {
        return OpenAiErrors.decode(status, body);
    }

    @Override
    public byte[] encodeTokenCount(long inputTokens) {
        return Json.write(Json.object().put("object", "response.input_tokens").put("input_tokens", inputTokens));
    }

    @Override
    public long decodeTokenCount(byte[] body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            JsonNode n = root == null ? null : root.get("input_tokens");
            return n != null && n.isIntegralNumber() ? n.longValue() : -1;
        } catch (Exception unreadable) {
            return -1;
        }
    }

    @Override
    public byte[] withReasoning(byte[] body, ReasoningConfig reasoning, String model) {
        if (!(Json.parse(body) instanceof ObjectNode root)) {
            return body;
        }
        root.remove("reasoning_effort");
        String effort = OpenAiWire.effort(reasoning.effectiveEffort());
        if (effort != null) {
            root.put("reasoning_effort", effort);
        }
        return Json.write(root);
    }

    @Override
    public byte[] dropForeignReasoning(byte[] body) {
        return OpenAiForeignReasoningFilter.apply(body);
    }

    @Override
    public ModelFieldRewriter requestModelField() {
        return ModelFieldRewriter.TOP_LEVEL_MODEL;
    }

    @Override
    public ModelFieldRewriter responseModelField() {
        return ModelFieldRewriter.TOP_LEVEL_MODEL;
    }

    @Override
    public ModelFieldRewriter eventModelField() {
        return ModelFieldRewriter.TOP_LEVEL_MODEL;
    }

    /** {@code [DONE]}, a named {@code error} event, or an in-band {@code {"error":...}} chunk. */
    @Override
    public boolean isTerminal(SseEvent event) {
        return event.dataEquals("[DONE]") || "error".equals(event.event())
                || ByteSearch.startsWithField(event.data(), ERROR_FIELD);
    }

    @Override
    public boolean answersEchoRequest() {
        return true;
    }
}
