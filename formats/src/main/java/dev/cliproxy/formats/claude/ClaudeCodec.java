package dev.cliproxy.formats.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
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
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Anthropic Messages codec ({@code POST /v1/messages}): clients such as Claude Code and the Anthropic SDKs,
 * and api.anthropic.com as upstream. Stateless and thread-safe; the stream encoder and decoder it creates are
 * per-stream.
 */
public final class ClaudeCodec implements Codec {
    private static final ModelFieldRewriter EVENT_MODEL = new ModelFieldRewriter(List.of(List.of("message", "model")));


    @Override
    public WireFormat format() {
        return WireFormat.CLAUDE_MESSAGES;
    }

    @Override
    public ChatRequest decodeRequest(JsonNode body) {
        return ClaudeRequestDecoder.decode(body);
    }

    @Override
    public byte[] encodeRequest(ChatRequest request) {
        return ClaudeRequestEncoder.encode(request);
    }

    @Override
    public ChatResponse decodeResponse(byte[] body) {
        return ClaudeResponseDecoder.decode(body);
    }

    @Override
    public byte[] encodeResponse(ChatResponse response, ResponseContext context) {
        return ClaudeResponseEncoder.encode(response, context);
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new ClaudeStreamDecoder();
    }

    @Override
    public StreamEncoder newStreamEncoder(ResponseContext context) {
        return new ClaudeStreamEncoder(context);
    }

    @Override
    public byte[] encodeError(ApiError error) {
        return ClaudeErrors.encode(error);
    }

    @Override
    public SseEvent encodeStreamError(ApiError error) {
        return streamError(error);
    }

    static SseEvent streamError(ApiError error) {
        return new SseEvent("error", ClaudeErrors.encode(error));
    }

    @Override
    public ApiError decodeError(int status, byte[] body) {
        return ClaudeErrors.decode(status, body);
    }

    @Override
    public byte[] encodeTokenCount(long inputTokens) {
        return ("{\"input_tokens\":" + Math.max(0, inputTokens) + "}").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public long decodeTokenCount(byte[] body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            JsonNode n = root == null ? null : root.get("input_tokens");
            return n != null && n.isIntegralNumber() ? n.longValue() : -1;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public byte[] withReasoning(byte[] body, ReasoningConfig reasoning, String model) {
        if (!(Json.parse(body) instanceof ObjectNode root)) {
            return body;
        }
        ClaudeThinking.replace(root, reasoning);
        return Json.write(root);
    }

    @Override
    public byte[] dropForeignReasoning(byte[] body) {
        return ClaudeReasoningFilter.filter(body);
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
        return EVENT_MODEL;
    }

    /** {@code message_stop} or {@code error}. */
    @Override
    public boolean isTerminal(SseEvent event) {
        return "message_stop".equals(event.event()) || "error".equals(event.event());
    }

    @Override
    public boolean answersEchoRequest() {
        return false;
    }
}
