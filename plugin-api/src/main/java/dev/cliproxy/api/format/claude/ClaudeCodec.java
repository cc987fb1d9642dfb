package dev.cliproxy.api.format.claude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.api.format.ApiError;
import dev.cliproxy.api.format.ChatRequest;
import dev.cliproxy.api.format.ChatResponse;
import dev.cliproxy.api.format.Codec;
import dev.cliproxy.api.format.ResponseContext;
import dev.cliproxy.api.format.StreamDecoder;
import dev.cliproxy.api.format.StreamEncoder;
import dev.cliproxy.api.sse.SseEvent;

/** The CLAUDE_MESSAGES codec (being written). */
public final class ClaudeCodec implements Codec {

    @Override
    public WireFormat format() {
        return WireFormat.CLAUDE_MESSAGES;
    }

    @Override
    public ChatRequest decodeRequest(JsonNode body) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public byte[] encodeRequest(ChatRequest request) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public ChatResponse decodeResponse(byte[] body) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public byte[] encodeResponse(ChatResponse response, ResponseContext context) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public StreamEncoder newStreamEncoder(ResponseContext context) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public byte[] encodeError(ApiError error) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public SseEvent encodeStreamError(ApiError error) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public ApiError decodeError(int status, byte[] body) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public byte[] encodeTokenCount(long inputTokens) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public long decodeTokenCount(byte[] body) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public byte[] dropForeignReasoning(byte[] body) {
        return body;
    }
}
