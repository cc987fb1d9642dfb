package dev.cliproxy.formats.responses;

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
import java.util.List;

/**
 * The OpenAI Responses codec ({@code POST /v1/responses}): clients are the OpenAI SDKs'
 * {@code client.responses.create} and Codex CLI; upstreams are the OpenAI Responses API and the Codex backend.
 * Requests sent upstream are stateless ({@code store:false}, reasoning replayed through
 * {@code encrypted_content}); {@code previous_response_id} from clients cannot be honoured and is ignored.
 */
public final class ResponsesCodec implements Codec {
    private static final ModelFieldRewriter EVENT_MODEL = new ModelFieldRewriter(List.of(List.of("response", "model")));


    @Override
    public WireFormat format() {
        return WireFormat.OPENAI_RESPONSES;
    }

    @Override
    public ChatRequest decodeRequest(JsonNode body) {
        return ResponsesRequestDecoder.decode(body);
    }

    @Override
    public byte[] encodeRequest(ChatRequest request) {
        return ResponsesRequestEncoder.encode(request);
    }

    @Override
    public ChatResponse decodeResponse(byte[] body) {
        return ResponsesResponseDecoder.decode(body);
    }

    @Override
    public byte[] encodeResponse(ChatResponse response, ResponseContext context) {
        return ResponsesResponseEncoder.encode(response, context);
    }

    @Override
    public StreamDecoder newStreamDecoder() {
        return new ResponsesStreamDecoder();
    }

    @Override
    public StreamEncoder newStreamEncoder(ResponseContext context) {
        return new ResponsesStreamEncoder(context);
    }

    @Override
    public byte[] encodeError(ApiError error) {
        return ResponsesErrors.encodeError(error);
    }

    @Override
    public SseEvent encodeStreamError(ApiError error) {
        return ResponsesErrors.encodeStreamError(error);
    }

    @Override
    public ApiError decodeError(int status, byte[] body) {
        return ResponsesErrors.decodeError(status, body);
    }

    @Override
    public byte[] encodeTokenCount(long inputTokens) {
        return InputTokens.encode(inputTokens);
    }

    @Override
    public long decodeTokenCount(byte[] body) {
        return InputTokens.decode(body);
    }

    @Override
    public byte[] withReasoning(byte[] body, ReasoningConfig reasoning, String model) {
        if (!(Json.parse(body) instanceof ObjectNode root)) {
            return body;
        }
        root.remove("reasoning");
        ResponsesRequestEncoder.reasoning(reasoning, root);
        return Json.write(root);
    }

    @Override
    public byte[] dropForeignReasoning(byte[] body) {
        return ForeignReasoningFilter.filter(body);
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

    /** {@code response.completed}, {@code response.incomplete}, {@code response.failed} or {@code error}. */
    @Override
    public boolean isTerminal(SseEvent event) {
        String name = event.event();
        return "response.completed".equals(name) || "response.incomplete".equals(name)
                || "response.failed".equals(name) || "error".equals(name);
    }

    @Override
    public boolean answersEchoRequest() {
        return true;
    }
}
