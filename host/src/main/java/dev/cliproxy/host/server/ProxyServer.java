package dev.cliproxy.host.server;

import dev.cliproxy.api.Credential;
import dev.cliproxy.host.api.ApiRoutes;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.http.Cors;
import dev.cliproxy.host.http.NotFound;
import dev.cliproxy.host.http.RequestIds;
import dev.cliproxy.host.pipeline.ExchangeListener;
import dev.cliproxy.host.pipeline.RequestPipeline;
import dev.cliproxy.host.plugins.ProviderLoader;
import dev.cliproxy.host.routing.CooldownTracker;
import dev.cliproxy.host.services.CaffeineTokenCache;
import dev.cliproxy.host.services.PluginServices;
import dev.cliproxy.host.state.LiveState;
import dev.cliproxy.host.upstream.OkHttpUpstreamHttp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running proxy: wires config, plugins, routing and the Undertow server, and shuts them down in order. The
 * handler chain every request goes through, outermost first: graceful-shutdown gate -> request id -> CORS ->
 * route table (client auth -> virtual-thread dispatch -> endpoint handler, per route).
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final Undertow undertow;
    private final GracefulShutdownHandler gate;
    private final ExecutorService requests;
    private final OkHttpUpstreamHttp http;
    private final ProviderLoader plugins;
    private final LiveState live;
    private final CooldownTracker cooldowns;
    private final Duration shutdownGrace;

    private ProxyServer(Undertow undertow, GracefulShutdownHandler gate, ExecutorService requests,
                        OkHttpUpstreamHttp http, ProviderLoader plugins, LiveState live, CooldownTracker cooldowns,
                        Duration shutdownGrace) {
        this.undertow = undertow;
        this.gate = gate;
        this.requests = requests;
        this.http = http;
        this.plugins = plugins;
        this.live = live;
        this.cooldowns = cooldowns;
        this.shutdownGrace = shutdownGrace;
    }

    /** Starts the proxy for {@code config}, loading plugins from {@code pluginsDir}. */
    public static ProxyServer start(ProxyConfig config, Path pluginsDir) {
        return start(config, pluginsDir, Clock.systemUTC());
    }

    /** Starts the proxy with {@code clock} for every expiry decision (cooldowns, tokens); tests pass their own. */
    public static ProxyServer start(ProxyConfig config, Path pluginsDir, Clock clock) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicReference<LiveState> liveRef = new AtomicReference<>();
        OkHttpUpstreamHttp http = new OkHttpUpstreamHttp(() -> liveRef.get() == null ? config
                : liveRef.get().config());
        ProviderLoader plugins = ProviderLoader.load(pluginsDir,
                new PluginServices(http, new CaffeineTokenCache(clock), metrics, clock));
        LiveState live = new LiveState(plugins.providers(), config);
        liveRef.set(live);
        LogLevels.apply(config.debug());
        live.onChange(state -> LogLevels.apply(state.config().debug()));

        ExecutorService requests = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("request-", 0).factory());
        CooldownTracker cooldowns = new CooldownTracker(clock);
        live.onChange(state -> cooldowns.retain(state.allCredentials().stream().map(Credential::id).toList()));
        RequestPipeline pipeline = new RequestPipeline(live, cooldowns, clock, ExchangeListener.NONE);

        RoutingHandler routes = new RoutingHandler().setFallbackHandler(new NotFound());
        new ApiRoutes(live, pipeline, requests, clock).register(routes);
        GracefulShutdownHandler gate = new GracefulShutdownHandler(new RequestIds(new Cors(routes)));

        Undertow undertow = build(config, gate);
        try {
            undertow.start();
        } catch (RuntimeException e) {
            requests.shutdownNow();
            http.close();
            plugins.close();
            throw e;
        }
        ProxyServer server = new ProxyServer(undertow, gate, requests, http, plugins, live, cooldowns,
                Duration.ofSeconds(30));
        warnIfOpen(config);
        LOG.info("CLI Proxy API listening on {}://{}:{}", config.tls().enable() ? "https" : "http",
                config.host().isEmpty() ? "0.0.0.0" : config.host(), server.port());
        return server;
    }

    private static Undertow build(ProxyConfig config, HttpHandler root) {
        String host = config.host().isEmpty() ? "0.0.0.0" : config.host();
        int cores = Runtime.getRuntime().availableProcessors();
        Undertow.Builder b = Undertow.builder()
                .setIoThreads(Math.max(2, cores))
                .setWorkerThreads(Math.max(4, cores * 2))
                .setBufferSize(16 * 1024)
                .setDirectBuffers(true)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
                // -1: idle keep-alive connections are never timed out (0 would close them 50 ms after each
                // response, so a client's next request races the close and fails with EOF)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, -1)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 64L * 1024 * 1024 + 1)
                .setHandler(root);
        if (config.tls().enable()) {
            b.addHttpsListener(config.port(), host, PemTls.context(config.tls().cert(), config.tls().key()));
        } else {
            b.addHttpListener(config.port(), host);
        }
        return b.build();
    }

    private static void warnIfOpen(ProxyConfig config) {
        if (!config.hasApiKeys()) {
            LOG.warn("No api-keys configured: only callers on this machine (loopback) are served."
                    + " Add api-keys to config.yaml to serve other machines.");
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** The live state (config, credentials, models). */
    public LiveState live() {
        return live;
    }

    /** The credentials' cooldown state (for the management endpoints of {@code routing}). */
    public CooldownTracker cooldowns() {
        return cooldowns;
    }

    /**
     * Stops accepting requests, lets running ones (streams included) finish for up to 30 s, then stops the server,
     * cancels what is left and unloads the plugins.
     */
    @Override
    public void close() {
        gate.shutdown();
        try {
            if (!gate.awaitShutdown(shutdownGrace.toMillis())) {
                LOG.warn("Shutdown grace period over; cancelling the requests still running");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        requests.shutdownNow();
        http.close();
        plugins.close();
        LOG.info("CLI Proxy API stopped");
    }
}
