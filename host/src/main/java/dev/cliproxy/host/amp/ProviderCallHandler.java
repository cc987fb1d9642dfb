package dev.cliproxy.host.amp;

import dev.cliproxy.host.api.InferenceHandler;
import dev.cliproxy.host.http.AsyncChannelHandler;
import dev.cliproxy.host.http.ExchangeChannel;
import dev.cliproxy.host.pipeline.InboundRequest;
import dev.cliproxy.host.pipeline.RequestPipeline;
import dev.cliproxy.host.routing.CandidatePool;
import dev.cliproxy.host.routing.ModelRegistry;
import dev.cliproxy.host.state.LiveState;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model call on Amp's provider routes: read as the plain route of its format reads it, then served where
 * {@link ModelRoute} says: by the local providers through the usual pipeline (translated as usual, the answer
 * naming the model Amp asked for, also when a mapping picked another), or forwarded unchanged to the Amp upstream.
 */
final class ProviderCallHandler implements AsyncChannelHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderCallHandler.class);

    private final InferenceHandler reader;
    private final RequestPipeline pipeline;
    private final LiveState live;
    private final LiveAmpSettings settings;
    private final AmpUpstream upstream;
    private final Executor virtualThreads;

    ProviderCallHandler(InferenceHandler reader, RequestPipeline pipeline, LiveState live, LiveAmpSettings settings,
                        AmpUpstream upstream, Executor virtualThreads) {
        this.virtualThreads = virtualThreads;
        this.reader = reader;
        this.pipeline = pipeline;
        this.live = live;
        this.settings = settings;
        this.upstream = upstream;
    }

    @Override
    public CompletionStage<Void> handle(HttpServerExchange exchange, ExchangeChannel channel) throws Exception {
        InboundRequest in = reader.read(exchange, channel);
        if (in == null) {
            return CompletableFuture.completedFuture(null);
        }
        ModelRegistry models = live.current().models();
        ModelRoute route = ModelRoute.decide(in.model(), settings.current(), m -> served(models, m));
        return switch (route.kind()) {
            // the reverse proxy blocks on its upstream: a virtual thread of its own
            case AMP_CREDITS -> CompletableFuture.runAsync(() -> upstream.forward(exchange, channel, in.model()),
                    virtualThreads);
            case MAPPED -> {
                LOG.debug("Request {}: Amp model {} mapped to local model {}", in.requestId(), in.model(),
                        route.model());
                yield pipeline.handle(in, route.model(), channel);
            }
            case LOCAL -> pipeline.handle(in, channel);
        };
    }

    private static boolean served(ModelRegistry models, String model) {
        CandidatePool pool = models.pool(model);
        return pool != null && !pool.isEmpty();
    }
}
