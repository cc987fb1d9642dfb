package dev.cliproxy.host.api;

import dev.cliproxy.api.Operation;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.host.http.IoThreadExchange;
import dev.cliproxy.host.pipeline.RequestPipeline;
import dev.cliproxy.host.state.LiveState;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/** Registers the client-facing model API: the four formats' endpoints and the model listings. */
public final class ApiRoutes {

    private final LiveState live;
    private final ExecutorService executor;
    private final RequestPipeline pipeline;
    private final Clock clock;
    private final long startedEpochSeconds;

    public ApiRoutes(LiveState live, RequestPipeline pipeline, ExecutorService executor, Clock clock) {
        this.executor = executor;
        this.live = live;
        this.pipeline = pipeline;
        this.clock = clock;
        this.startedEpochSeconds = clock.instant().getEpochSecond();
    }

    /** Adds every route to {@code routes}. */
    public void register(RoutingHandler routes) {
        HttpHandler root = InfoHandlers.root();
        routes.get("/", root)
                .add("HEAD", "/", root)
                .get("/healthz", InfoHandlers.health())
                .add("HEAD", "/healthz", InfoHandlers.health());

        routes.get("/v1/models", authed(ClientFormats::modelList,
                new ModelsHandler(live, ClientFormats::modelList, startedEpochSeconds)));
        routes.get("/v1/models/{model}", authed(ClientFormats::modelList,
                new ModelsHandler(live, ClientFormats::modelList, startedEpochSeconds)));
        Function<io.undertow.server.HttpServerExchange, WireFormat> gemini = ClientFormats.fixed(WireFormat.GEMINI);
        routes.get("/v1beta/models", authed(gemini, new ModelsHandler(live, gemini, startedEpochSeconds)));
        routes.get("/v1beta/models/{model}", authed(gemini, new ModelsHandler(live, gemini, startedEpochSeconds)));

        routes.post("/v1/chat/completions", model(WireFormat.OPENAI_CHAT, Operation.GENERATE));
        routes.post("/v1/completions", authed(ClientFormats.fixed(WireFormat.OPENAI_CHAT),
                new IoThreadExchange(InferenceHandler.legacyCompletions(pipeline, clock), executor)));
        routes.post("/v1/responses", model(WireFormat.OPENAI_RESPONSES, Operation.GENERATE));
        // Codex CLI with chatgpt_base_url pointed at the proxy
        routes.post("/backend-api/codex/responses", model(WireFormat.OPENAI_RESPONSES, Operation.GENERATE));
        routes.post("/v1/responses/compact", model(WireFormat.OPENAI_RESPONSES, Operation.COMPACT));
        routes.post("/backend-api/codex/responses/compact", model(WireFormat.OPENAI_RESPONSES, Operation.COMPACT));
        routes.post("/v1/messages", model(WireFormat.CLAUDE_MESSAGES, Operation.GENERATE));
        routes.post("/v1/messages/count_tokens", model(WireFormat.CLAUDE_MESSAGES, Operation.COUNT_TOKENS));
        routes.post("/v1beta/models/{action}", model(WireFormat.GEMINI, Operation.GENERATE));
    }

    private HttpHandler model(WireFormat format, Operation operation) {
        return authed(ClientFormats.fixed(format),
                new IoThreadExchange(new InferenceHandler(format, operation, pipeline, clock), executor));
    }

    private HttpHandler authed(Function<io.undertow.server.HttpServerExchange, WireFormat> format,
                               HttpHandler next) {
        return new ClientAuth(live, format, next);
    }
}
