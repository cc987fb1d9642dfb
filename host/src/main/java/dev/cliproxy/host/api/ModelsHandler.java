package dev.cliproxy.host.api;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.codecs.Codecs;
import dev.cliproxy.host.http.JsonReply;
import dev.cliproxy.host.routing.ModelRegistry;
import dev.cliproxy.host.state.LiveState;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.function.Function;

/**
 * {@code GET /v1/models[/{model}]} and {@code GET /v1beta/models[/{model}]}: the served models in the caller's
 * listing shape; an unknown single model is a 404 in that format.
 */
public final class ModelsHandler implements HttpHandler {

    private final LiveState live;
    private final Function<HttpServerExchange, WireFormat> format;
    private final ModelListings listings;

    public ModelsHandler(LiveState live, Function<HttpServerExchange, WireFormat> format, long startedEpochSeconds) {
        this.live = live;
        this.format = format;
        this.listings = new ModelListings(startedEpochSeconds);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        WireFormat f = format.apply(exchange);
        List<ModelRegistry.ListedModel> models = live.current().models().listing();
        String single = exchange.getQueryParameters().containsKey("model")
                ? exchange.getQueryParameters().get("model").getFirst() : null;
        if (single == null) {
            JsonReply.send(exchange, 200, switch (f) {
                case CLAUDE_MESSAGES -> listings.claudeList(models);
                case GEMINI -> listings.geminiList(models);
                default -> listings.openAiList(models);
            });
            return;
        }
        String id = single.startsWith("models/") ? single.substring("models/".length()) : single;
        for (ModelRegistry.ListedModel m : models) {
            if (m.id().equals(id)) {
                JsonReply.send(exchange, 200, switch (f) {
                    case CLAUDE_MESSAGES -> listings.claudeModel(m);
                    case GEMINI -> listings.geminiModel(m);
                    default -> listings.openAiModel(m);
                });
                return;
            }
        }
        JsonReply.send(exchange, 404, Codecs.of(f).encodeError(new ApiError(404,
                "The model '" + id + "' does not exist or is not served by any configured provider",
                f == WireFormat.GEMINI ? "NOT_FOUND" : "model_not_found")));
    }
}
