package dev.cliproxy.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ThinkingSuffix;
import dev.cliproxy.formats.openai.LegacyCompletions;
import dev.cliproxy.host.http.AsyncChannelHandler;
import dev.cliproxy.host.http.ExchangeChannel;
import dev.cliproxy.host.http.RequestBodies;
import dev.cliproxy.host.http.RequestIds;
import dev.cliproxy.host.pipeline.ClientChannel;
import dev.cliproxy.host.pipeline.ErrorReplies;
import dev.cliproxy.host.pipeline.InboundRequest;
import dev.cliproxy.host.pipeline.ProxyException;
import dev.cliproxy.host.pipeline.RequestPipeline;
import dev.cliproxy.host.pipeline.StreamFraming;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.time.Clock;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A model endpoint of one client format (chat completions, responses, messages, Gemini generate/stream/count):
 * reads and parses the body, finds the model and the stream flag, and hands the request to the pipeline. Input it
 * cannot use is answered 400 in the client's format, never 500. Runs on the exchange's I/O thread, the body already
 * read (see {@link dev.cliproxy.host.http.IoThreadExchange}).
 */
public final class InferenceHandler implements AsyncChannelHandler {

    private static final Set<String> HIDDEN_HEADERS = Set.of("authorization", "x-api-key", "x-goog-api-key",
            "cookie", "host", "content-length", "connection", "transfer-encoding", "proxy-authorization",
            "x-management-key", "accept-encoding", "keep-alive", "upgrade", "te");

    private final WireFormat format;
    private final Operation operation;
    private final RequestPipeline pipeline;
    private final ErrorReplies errors;
    private final boolean legacyCompletions;

    public InferenceHandler(WireFormat format, Operation operation, RequestPipeline pipeline, Clock clock) {
        this(format, operation, pipeline, clock, false);
    }

    private InferenceHandler(WireFormat format, Operation operation, RequestPipeline pipeline, Clock clock,
                             boolean legacyCompletions) {
        this.format = format;
        this.operation = operation;
        this.pipeline = pipeline;
        this.errors = new ErrorReplies(clock);
        this.legacyCompletions = legacyCompletions;
    }

    /**
     * {@code POST /v1/completions}: a legacy text completion, served as a Chat Completions request (see
     * {@link LegacyCompletions}) and answered as {@code text_completion}.
     */
    public static InferenceHandler legacyCompletions(RequestPipeline pipeline, Clock clock) {
        return new InferenceHandler(WireFormat.OPENAI_CHAT, Operation.GENERATE, pipeline, clock, true);
    }

    @Override
    public CompletionStage<Void> handle(HttpServerExchange exchange, ExchangeChannel channel) throws Exception {
        InboundRequest in = read(exchange, channel);
        if (in == null) {
            return CompletableFuture.completedFuture(null);
        }
        return pipeline.handle(in, legacyCompletions ? new LegacyCompletionChannel(channel) : channel);
    }

    /**
     * The request parsed, or {@code null} once input it cannot use has been answered in the client's format (for
     * callers that decide themselves where the request goes, as the Amp integration does).
     */
    public InboundRequest read(HttpServerExchange exchange, ClientChannel channel) throws java.io.IOException {
        long start = System.nanoTime();
        try {
            return parse(exchange, start);
        } catch (RuntimeException e) {
            ErrorReplies.Reply reply = errors.render(e, format, null);
            channel.sendJson(reply.status(), reply.body(), reply.headers());
            return null;
        }
    }

    private InboundRequest parse(HttpServerExchange exchange, long start) throws java.io.IOException {
        GeminiAction action = format == WireFormat.GEMINI ? GeminiAction.of(exchange) : null;
        byte[] body = RequestBodies.read(exchange);
        if (body.length == 0) {
            throw ProxyException.badRequest("request body is empty; expected a JSON object");
        }
        JsonNode json = Json.parse(body);
        if (!json.isObject()) {
            throw ProxyException.badRequest("request body must be a JSON object");
        }
        if (legacyCompletions) {
            json = LegacyCompletions.chatRequest(json);
            body = Json.write(json);
        }
        String model = action != null ? action.model() : json.path("model").asText("");
        if (model.isBlank()) {
            throw new ProxyException(400, "invalid_request_error", "missing required field 'model'");
        }
        if (model.chars().anyMatch(Character::isISOControl)) {
            throw ProxyException.badRequest("invalid model name: it contains a control character (such as NUL or"
                    + " a line break)");
        }
        boolean stream = action != null ? action.stream() : json.path("stream").asBoolean(false);
        Operation op = action != null ? action.operation() : operation;
        StreamFraming framing = action != null && stream && !"sse".equals(query(exchange, "alt"))
                ? StreamFraming.JSON_ARRAY : StreamFraming.SSE;
        ThinkingSuffix suffix = ThinkingSuffix.parse(model.trim());
        return new InboundRequest(RequestIds.of(exchange), format, op, suffix.model(),
                stream && op == Operation.GENERATE, framing, body, json, headers(exchange),
                ClientAuth.keyId(exchange), start, suffix.reasoning());
    }

    private static String query(HttpServerExchange exchange, String name) {
        Deque<String> v = exchange.getQueryParameters().get(name);
        if (v == null || v.isEmpty()) {
            v = exchange.getQueryParameters().get("$" + name);
        }
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    private static Map<String, String> headers(HttpServerExchange exchange) {
        Map<String, String> out = new HashMap<>();
        for (HeaderValues h : exchange.getRequestHeaders()) {
            String name = h.getHeaderName().toString().toLowerCase(Locale.ROOT);
            if (!HIDDEN_HEADERS.contains(name)) {
                out.put(name, h.getFirst());
            }
        }
        return Map.copyOf(out);
    }

    /** The {@code {model}:{method}} tail of a Gemini path. */
    record GeminiAction(String model, String method) {

        static GeminiAction of(HttpServerExchange exchange) {
            String action = exchange.getQueryParameters().getOrDefault("action", new java.util.ArrayDeque<>())
                    .peekFirst();
            if (action != null && action.startsWith(":")) {
                throw ProxyException.badRequest("missing model in path " + exchange.getRequestPath()
                        + "; expected /v1beta/models/{model}:{method}");
            }
            if (action == null || action.indexOf(':') <= 0) {
                throw new ProxyException(404, "NOT_FOUND", "unknown Gemini method in path "
                        + exchange.getRequestPath() + "; expected /v1beta/models/{model}:{method}");
            }
            int colon = action.lastIndexOf(':');
            GeminiAction a = new GeminiAction(action.substring(0, colon), action.substring(colon + 1));
            if (!Set.of("generateContent", "streamGenerateContent", "countTokens").contains(a.method)) {
                throw new ProxyException(404, "NOT_FOUND", "unsupported Gemini method '" + a.method
                        + "'; supported: generateContent, streamGenerateContent, countTokens");
            }
            return a;
        }

        boolean stream() {
            return method.equals("streamGenerateContent");
        }

        Operation operation() {
            return method.equals("countTokens") ? Operation.COUNT_TOKENS : Operation.GENERATE;
        }
    }
}
