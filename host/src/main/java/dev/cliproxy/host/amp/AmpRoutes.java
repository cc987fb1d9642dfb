package dev.cliproxy.host.amp;

import dev.cliproxy.api.Operation;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.api.ClientAuth;
import dev.cliproxy.host.api.ClientFormats;
import dev.cliproxy.host.api.InferenceHandler;
import dev.cliproxy.host.api.ModelsHandler;
import dev.cliproxy.host.http.ChannelHandler;
import dev.cliproxy.host.http.IoThreadExchange;
import dev.cliproxy.host.http.RequestBodies;
import dev.cliproxy.host.http.VirtualThreadExchange;
import dev.cliproxy.host.pipeline.RequestPipeline;
import dev.cliproxy.host.state.LiveState;
import dev.cliproxy.host.upstream.UpstreamHttp;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The Amp CLI integration's routes.
 * <ul>
 *   <li>Provider routes, behind client auth: {@code /api/provider/{provider}/v1/...} (chat/completions,
 *       responses, messages, messages/count_tokens, models, completions), {@code /api/provider/{provider}/...}
 *       (chat/completions, responses, models, completions) and {@code /api/provider/{provider}/v1beta/models[/...]}.
 *       The path picks the wire format (for listings, the {@code provider} segment: {@code anthropic} lists in the
 *       Claude shape, {@code google} in Gemini's, any other in OpenAI's). A model call is answered locally or
 *       forwarded to Amp ({@link ProviderCallHandler}); legacy completions, which no local provider speaks, are
 *       always forwarded.</li>
 *   <li>Everything else Amp calls is reverse-proxied to {@code upstream-url} ({@link AmpUpstream}), mounted
 *       outside CORS and behind {@link ProxiedRouteGate}: {@code /api/{internal,user,auth,meta,ads,telemetry,
 *       threads,thread-actors,otel,tab}[/...]} and {@code /api/provider/google/v1beta1/...} behind client auth;
 *       {@code /threads.rss} and {@code /news.rss} behind client auth; the browser pages {@code /auth[/...]} (any
 *       method) and {@code /threads}, {@code /docs}, {@code /settings} (GET, HEAD) without a client key, as Amp's
 *       login flow opens them in a browser.</li>
 * </ul>
 */
public final class AmpRoutes {

    private static final String PROVIDER = "/api/provider/{provider}";
    private static final List<String> AUTHED_API_PREFIXES = List.of("/api/internal", "/api/user", "/api/auth",
            "/api/meta", "/api/ads", "/api/telemetry", "/api/threads", "/api/thread-actors", "/api/otel",
            "/api/tab", "/api/provider/google/v1beta1");

    private final LiveState live;
    private final RequestPipeline pipeline;
    private final ExecutorService executor;
    private final Clock clock;
    private final LiveAmpSettings settings;
    private final AmpUpstream upstream;
    private final long startedEpochSeconds;

    /**
     * @param http     the host's upstream HTTP client (honours {@code proxy-url})
     * @param executor the request threads
     * @param home     the user's home folder, where Amp keeps its secrets file
     */
    public AmpRoutes(LiveState live, RequestPipeline pipeline, UpstreamHttp http, ExecutorService executor,
                     Clock clock, Path home) {
        this.live = live;
        this.pipeline = pipeline;
        this.executor = executor;
        this.clock = clock;
        this.settings = new LiveAmpSettings(live);
        this.upstream = new AmpUpstream(http, live, settings,
                new AmpKeys(System::getenv, AmpKeys.secretsFileIn(home), clock));
        this.startedEpochSeconds = clock.instant().getEpochSecond();
    }

    /** Adds the provider routes to {@code routes}. */
    public void register(RoutingHandler routes) {
        for (String base : new String[] {PROVIDER, PROVIDER + "/v1"}) {
            routes.get(base + "/models", authed(AmpRoutes::listingFormat, models(AmpRoutes::listingFormat)));
            routes.post(base + "/chat/completions", modelCall(WireFormat.OPENAI_CHAT, Operation.GENERATE));
            routes.post(base + "/responses", modelCall(WireFormat.OPENAI_RESPONSES, Operation.GENERATE));
            routes.post(base + "/completions", authed(ClientFormats.fixed(WireFormat.OPENAI_CHAT),
                    onVirtualThread((exchange, channel) -> upstream.forward(exchange, channel,
                            legacyModel(exchange)))));
        }
        routes.post(PROVIDER + "/v1/messages", modelCall(WireFormat.CLAUDE_MESSAGES, Operation.GENERATE));
        routes.post(PROVIDER + "/v1/messages/count_tokens",
                modelCall(WireFormat.CLAUDE_MESSAGES, Operation.COUNT_TOKENS));
        Function<HttpServerExchange, WireFormat> gemini = ClientFormats.fixed(WireFormat.GEMINI);
        routes.get(PROVIDER + "/v1beta/models", authed(gemini, models(gemini)));
        routes.get(PROVIDER + "/v1beta/models/{model}", authed(gemini, models(gemini)));
        routes.post(PROVIDER + "/v1beta/models/{action}", modelCall(WireFormat.GEMINI, Operation.GENERATE));
    }

    /**
     * {@code next} with Amp's reverse-proxied routes in front of it: those paths go to the Amp upstream, every other
     * path to {@code next}. Put it outside the CORS handler.
     */
    public HttpHandler withUpstreamRoutes(HttpHandler next) {
        HttpHandler authed = new ProxiedRouteGate(settings, authed(ClientFormats.fixed(WireFormat.OPENAI_CHAT),
                proxy()));
        HttpHandler open = new ProxiedRouteGate(settings, proxy());
        HttpHandler openPages = exchange -> {
            boolean read = exchange.getRequestMethod().equals(Methods.GET)
                    || exchange.getRequestMethod().equals(Methods.HEAD);
            (read ? open : next).handleRequest(exchange);
        };
        PathHandler paths = Handlers.path(next);
        AUTHED_API_PREFIXES.forEach(p -> paths.addPrefixPath(p, authed));
        paths.addExactPath("/threads.rss", authed).addExactPath("/news.rss", authed);
        paths.addPrefixPath("/auth", open);
        for (String page : new String[] {"/threads", "/docs", "/settings"}) {
            paths.addPrefixPath(page, openPages);
        }
        return paths;
    }

    private HttpHandler proxy() {
        return onVirtualThread((exchange, channel) -> upstream.forward(exchange, channel, null));
    }

    /** The model of a legacy completions request, for the access log ({@code -} when it names none). */
    private static String legacyModel(HttpServerExchange exchange) {
        try {
            return Json.parse(RequestBodies.read(exchange)).path("model").asText("-");
        } catch (IOException | RuntimeException unreadable) {
            return "-";
        }
    }

    private HttpHandler modelCall(WireFormat format, Operation operation) {
        return authed(ClientFormats.fixed(format), new IoThreadExchange(new ProviderCallHandler(
                new InferenceHandler(format, operation, pipeline, clock), pipeline, live, settings, upstream,
                executor), executor));
    }

    private HttpHandler models(Function<HttpServerExchange, WireFormat> format) {
        return new ModelsHandler(live, format, startedEpochSeconds);
    }

    private HttpHandler onVirtualThread(ChannelHandler handler) {
        return new VirtualThreadExchange(executor, handler);
    }

    private HttpHandler authed(Function<HttpServerExchange, WireFormat> format, HttpHandler next) {
        return new ClientAuth(live, format, next);
    }

    /** The listing shape a provider segment asks for. */
    private static WireFormat listingFormat(HttpServerExchange exchange) {
        String provider = exchange.getQueryParameters().get("provider").getFirst().toLowerCase(Locale.ROOT);
        return switch (provider) {
            case "anthropic" -> WireFormat.CLAUDE_MESSAGES;
            case "google" -> WireFormat.GEMINI;
            default -> WireFormat.OPENAI_CHAT;
        };
    }
}
