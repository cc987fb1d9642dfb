package dev.cliproxy.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.sse.SseEvent;

/**
 * Reads and writes one wire format: requests, whole responses, stream events, errors and token counts. Stateless
 * and thread-safe; {@link dev.cliproxy.formats.codecs.Codecs#of} gives the instance.
 */
public interface Codec {

    /** The format this codec speaks. */
    WireFormat format();

    /**
     * Decodes a client request body (already parsed as JSON).
     *
     * @throws FormatException when the body is not a valid request of this format
     */
    ChatRequest decodeRequest(JsonNode body);

    /** Encodes a request for an upstream of this format; reasoning signatures from other formats are dropped. */
    byte[] encodeRequest(ChatRequest request);

    /**
     * Decodes a whole upstream response.
     *
     * @throws FormatException when the body is not a valid response of this format
     */
    ChatResponse decodeResponse(byte[] body);

    /** Encodes a whole response for a client of this format. */
    byte[] encodeResponse(ChatResponse response, ResponseContext context);

    /** A new decoder for one upstream stream of this format. */
    StreamDecoder newStreamDecoder();

    /** A new encoder for one client stream of this format. */
    StreamEncoder newStreamEncoder(ResponseContext context);

    /** An error body in this format's shape. */
    byte[] encodeError(ApiError error);

    /** An error event for a stream that has already started, in this format's shape. */
    SseEvent encodeStreamError(ApiError error);

    /**
     * Reads an upstream error body of this format into an {@link ApiError}, keeping the upstream's message; falls
     * back to the raw text when the body is not this format's error shape.
     */
    ApiError decodeError(int status, byte[] body);

    /** A token-count answer in this format ({@code {"input_tokens":N}}, {@code {"totalTokens":N}}...). */
    byte[] encodeTokenCount(long inputTokens);

    /** Reads an upstream token-count answer of this format; -1 when it holds no count. */
    long decodeTokenCount(byte[] body);

    /**
     * Removes from a native request body, passed through untranslated, the reasoning whose tagged signature says it
     * came from another format's upstream (see {@link Signature}). Returns {@code body} itself when there is none.
     */
    byte[] dropForeignReasoning(byte[] body);

    /**
     * A native request body, passed through untranslated, whose reasoning fields are replaced by {@code reasoning}
     * (the client's {@link ThinkingSuffix}), written as the encoder writes them for {@code model}: converted between
     * level and budget and clamped to what the format and model accept.
     */
    byte[] withReasoning(byte[] body, ReasoningConfig reasoning, String model);

    /** Where a request body of this format names its model; {@code null} when the format keeps it in the URL. */
    ModelFieldRewriter requestModelField();

    /** Where a whole response body of this format names its model. */
    ModelFieldRewriter responseModelField();

    /** Where a stream event of this format names its model. */
    ModelFieldRewriter eventModelField();

    /**
     * Whether {@code event} ends a stream of this format: its done marker or final event, or an in-band error. A
     * passed-through stream that closes before one was seen was cut short.
     */
    boolean isTerminal(SseEvent event);

    /**
     * A request body with its stream flag set to {@code stream}; the default sets the top-level {@code stream}
     * field. Formats that stream by URL return the body unchanged.
     */
    default byte[] withStreamFlag(byte[] body, boolean stream) {
        if (Json.parse(body) instanceof ObjectNode root) {
            root.put("stream", stream);
            return Json.write(root);
        }
        return body;
    }

    /**
     * Whether answers to a client of this format repeat fields of its request (OpenAI echoes the request's
     * parameters and usage options), so the encoder needs the decoded request in its {@link ResponseContext}.
     */
    boolean answersEchoRequest();

    /** The token usage of a whole response body of this format; {@code null} when it has none or is unreadable. */
    default Usage usageOf(byte[] body) {
        try {
            return decodeResponse(body).usage();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
