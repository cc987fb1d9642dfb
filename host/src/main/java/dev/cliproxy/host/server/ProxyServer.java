package dev.cliproxy.host.server;

import dev.cliproxy.api.Credential;
import dev.cliproxy.host.amp.AmpRoutes;
import dev.cliproxy.host.api.ApiRoutes;
import dev.cliproxy.host.applog.AppLogHandlers;
import dev.cliproxy.host.applog.AppLogSettings;
import dev.cliproxy.host.authfiles.TokenFileStore;
import dev.cliproxy.host.config.ConfigStore;
import dev.cliproxy.host.config.ConfigWatcher;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.http.Cors;
import dev.cliproxy.host.http.NotFound;
import dev.cliproxy.host.http.RequestIds;
import dev.cliproxy.host.management.ApiCallHandler;
import dev.cliproxy.host.management.AuthFileEdits;
import dev.cliproxy.host.management.CredentialStatesHandler;
import dev.cliproxy.host.management.KeyVerifier;
import dev.cliproxy.host.management.ManagementPasswords;
import dev.cliproxy.host.management.ManagementRoutes;
import dev.cliproxy.host.management.OAuthEndpoints;
import dev.cliproxy.host.management.PluginEndpoints;
import dev.cliproxy.host.management.ResetQuotaHandler;
import dev.cliproxy.host.oauth.OAuthAccounts;
import dev.cliproxy.host.panel.ControlPanel;
import dev.cliproxy.host.pipeline.RequestPipeline;
import dev.cliproxy.host.plugins.PluginCatalog;
import dev.cliproxy.host.plugins.PluginFolderWatcher;
import dev.cliproxy.host.requestlog.RequestLogHandlers;
import dev.cliproxy.host.requestlog.RequestLogSettings;
import dev.cliproxy.host.routing.CooldownTracker;
import dev.cliproxy.host.services.PluginServices;
import dev.cliproxy.host.state.LiveState;
import dev.cliproxy.host.upstream.OkHttpUpstreamHttp;
import dev.cliproxy.host.upstream.UpstreamClient;
import dev.cliproxy.host.upstream.UpstreamExchange;
import dev.cliproxy.host.upstream.WholeAnswerCaller;
import dev.cliproxy.host.usage.ApiKeyUsageHandler;
import dev.cliproxy.host.usage.UsageQueueHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running proxy: wires config, plugins, routing, management, observability and the Undertow server, and shuts
 * them down in order. The handler chain every request goes through, outermost first: graceful-shutdown gate ->
 * request id -> the paths Amp's upstream serves ({@link AmpRoutes#withUpstreamRoutes}, without CORS); all others:
 * CORS -> paths under {@value ManagementRoutes#BASE}: the management chain ({@link ManagementRoutes}); all others:
 * the route table (client auth -> virtual-thread dispatch -> endpoint handler, per route; the control panel's static
 * page, {@link ControlPanel}, needs no auth: its data comes from the management API).
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    /** Everything the server owns, in start order; closed in reverse. */
    private record Parts(UpstreamClient upstream, PluginCatalog plugins, LiveState live, CooldownTracker cooldowns,
                         Observability observability, ExecutorService requests, ManagementRoutes management,
                         ConfigStore store, ConfigWatcher watcher, PluginFolderWatcher pluginWatcher,
                         FileLogging fileLogging, OAuthAccounts oauth) {
    }

    private final Undertow undertow;
    private final GracefulShutdownHandler gate;
    private final Parts parts;

    private ProxyServer(Undertow undertow, GracefulShutdownHandler gate, Parts parts) {
        this.undertow = undertow;
        this.gate = gate;
        this.parts = parts;
    }

    /**
     * Starts the proxy for {@code loaded}, loading plugins from {@code pluginsDir}. First the files are checked (see
     * {@link StartupFiles}) and a plaintext management key in the config file is replaced by its bcrypt hash
     * (written back to the file).
     */
    public static ProxyServer start(ProxyConfig loaded, Path pluginsDir) {
        return start(loaded, pluginsDir, Clock.systemUTC());
    }

    /** Starts the proxy with {@code clock} for every expiry decision (cooldowns, tokens); tests pass their own. */
    public static ProxyServer start(ProxyConfig loaded, Path pluginsDir, Clock clock) {
        return start(loaded, pluginsDir, clock, ManagementPasswords.NONE);
    }

    /**
     * Starts the proxy with {@code clock} and the management {@code passwords} given at start-up
     * ({@code MANAGEMENT_PASSWORD}, {@code --password}), which are accepted besides the configured management key.
     */
    public static ProxyServer start(ProxyConfig loaded, Path pluginsDir, Clock clock, ManagementPasswords passwords) {
        StartupFiles.check(loaded);
        ProxyConfig config = ConfigStore.hashPlaintextKey(loaded);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicReference<LiveState> liveRef = new AtomicReference<>();
        Supplier<ProxyConfig> liveConfig = () -> liveRef.get() == null ? config : liveRef.get().config();
        UpstreamClient upstream = new UpstreamClient(liveConfig, new OkHttpUpstreamHttp(liveConfig));
        OkHttpUpstreamHttp http = upstream.blocking();
        AtomicReference<ConfigStore> storeRef = new AtomicReference<>();
        TokenFileStore tokenFiles = new TokenFileStore(() -> liveRef.get().config().authDir(),
                () -> storeRef.get().refreshAuthFiles());
        PluginServices services = new PluginServices(clock, metrics, new WholeAnswerCaller(http), tokenFiles);
        PluginCatalog plugins = PluginCatalog.open(pluginsDir, services);
        LiveState live = new LiveState(plugins, config);
        liveRef.set(live);
        OAuthAccounts oauth = OAuthAccounts.create(live, services, () -> storeRef.get().refreshAuthFiles());
        LogLevels.apply(config.debug());
        live.onChange(state -> LogLevels.apply(state.config().debug()));
        FileLogging fileLogging = FileLogging.ofThisProcess();
        fileLogging.apply(AppLogSettings.of(config));
        live.onChange(state -> fileLogging.apply(AppLogSettings.of(state.config())));

        CooldownTracker cooldowns = new CooldownTracker(clock);
        live.onChange(state -> cooldowns.retain(state.allCredentials().stream().map(Credential::id).toList()));
        KeyVerifier managementKeys = new KeyVerifier(Duration.ofMinutes(1));
        Observability observability = Observability.start(live, metrics, cooldowns, clock, upstream,
                presented -> managementKeys.matches(presented, live.config().remoteManagement().secretKey()));
        ExecutorService requests = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("request-", 0).factory());
        RequestPipeline pipeline = new RequestPipeline(live, cooldowns, clock, observability.listener(),
                new UpstreamExchange(upstream), oauth.tokens());

        RoutingHandler routes = new RoutingHandler().setFallbackHandler(new NotFound());
        new ApiRoutes(live, pipeline, requests, clock).register(routes);
        for (String name : oauth.logins().names()) {
            routes.get("/" + name + "/callback", oauth.sessions().callbackHandler());
        }
        AmpRoutes amp = new AmpRoutes(live, pipeline, http, requests, clock,
                Path.of(System.getProperty("user.home")));
        amp.register(routes);
        new ControlPanel(live).register(routes);
        if (observability.metricsOnMainPort()) {
            routes.get("/metrics", observability.metricsEndpoint());
        }
        ConfigStore store = new ConfigStore(live);
        storeRef.set(store);
        ManagementRoutes management = new ManagementRoutes(live, store, managementKeys, passwords, requests, clock);
        mountExtraManagement(management, live, cooldowns, observability, http, oauth);
        PluginEndpoints.register(management, plugins, store);
        OAuthEndpoints.register(management, oauth);
        AuthFileEdits.register(management, oauth.files());
        management.authFileStatus(oauth.accounts()::status);
        HttpHandler root = Handlers.path(routes).addPrefixPath(ManagementRoutes.BASE, management.handler());
        GracefulShutdownHandler gate = new GracefulShutdownHandler(new RequestIds(
                amp.withUpstreamRoutes(new Cors(root))));

        Undertow undertow = build(config, gate);
        try {
            undertow.start();
        } catch (RuntimeException e) {
            oauth.close();
            observability.close();
            requests.shutdownNow();
            upstream.close();
            plugins.close();
            fileLogging.close();
            throw e;
        }
        oauth.start();
        ConfigWatcher watcher = new ConfigWatcher(store, ConfigWatcher.DEFAULT_DEBOUNCE);
        try {
            watcher.start();
        } catch (IOException e) {
            LOG.warn("Cannot watch the config file for changes: {}", e.toString());
        }
        PluginFolderWatcher pluginWatcher = new PluginFolderWatcher(plugins, live::rebuild,
                PluginFolderWatcher.DEFAULT_DEBOUNCE);
        try {
            pluginWatcher.start();
        } catch (IOException e) {
            LOG.warn("Cannot watch the plugins folder for jars: {}", e.toString());
        }
        ProxyServer server = new ProxyServer(undertow, gate,
                new Parts(upstream, plugins, live, cooldowns, observability, requests, management, store, watcher,
                        pluginWatcher, fileLogging, oauth));
        warnIfOpen(config);
        LOG.info("CLI Proxy API listening on {}://{}:{}", config.tls().enable() ? "https" : "http",
                config.host().isEmpty() ? "0.0.0.0" : config.host(), server.port());
        return server;
    }

    /** Management endpoints owned by other features, behind the same management key. */
    private static void mountExtraManagement(ManagementRoutes management, LiveState live, CooldownTracker cooldowns,
                                             Observability observability, OkHttpUpstreamHttp http,
                                             OAuthAccounts oauth) {
        Supplier<List<Credential>> credentials = () -> live.current().allCredentials();
        management.add(Methods.GET, "/credentials", new CredentialStatesHandler(credentials, cooldowns,
                        oauth.accounts()::refreshError))
                .add(Methods.POST, "/reset-quota", new ResetQuotaHandler(credentials, cooldowns))
                .add(Methods.GET, "/usage", observability.usage().get())
                .add(Methods.GET, "/usage/export", observability.usage().export())
                .add(Methods.POST, "/usage/import", observability.usage().importing())
                .add(Methods.DELETE, "/usage", observability.usage().delete())
                .add(Methods.GET, "/api-key-usage",
                        new ApiKeyUsageHandler(observability.credentialUsage(), credentials))
                .add(Methods.GET, "/usage-queue", new UsageQueueHandler(observability.usageQueue()))
                .add(Methods.POST, "/api-call", new ApiCallHandler(credentials, http));
        AppLogHandlers appLog = new AppLogHandlers(() -> AppLogSettings.of(live.config()), ZoneId.systemDefault());
        RequestLogHandlers requestLogs = new RequestLogHandlers(() -> RequestLogSettings.of(live.config()));
        management.add(Methods.GET, "/logs", appLog.get())
                .add(Methods.DELETE, "/logs", appLog.delete())
                .add(Methods.GET, "/request-error-logs", requestLogs.list())
                .add(Methods.GET, "/request-error-logs/{name}", requestLogs.download())
                .add(Methods.GET, "/request-log-by-id/{id}", requestLogs.byId());
    }

    private static Undertow build(ProxyConfig config, HttpHandler root) {
        String host = config.host().isEmpty() ? "0.0.0.0" : config.host();
        int cores = Runtime.getRuntime().availableProcessors();
        Undertow.Builder b = Undertow.builder()
                .setIoThreads(Math.max(2, cores))
                .setWorkerThreads(Math.max(4, cores * 2))
                .setBufferSize(16 * 1024)
                .setDirectBuffers(true)
                // HTTP/2 over TLS (ALPN); cleartext clients speak HTTP/1.1
                .setServerOption(UndertowOptions.ENABLE_HTTP2, config.tls().enable())
                // idle keep-alive connections: 0 would close them 50 ms after each response, so a client reusing
                // its pooled connection races the close; outlive the SDKs' own pool idle times instead
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 600_000)
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
        return parts.live();
    }

    /** The management API's route table, to mount more endpoints behind the management key. */
    public ManagementRoutes management() {
        return parts.management();
    }

    /** The credentials' cooldown state. */
    public CooldownTracker cooldowns() {
        return parts.cooldowns();
    }

    /** The OAuth accounts: logins, refreshes, sessions. */
    public OAuthAccounts oauth() {
        return parts.oauth();
    }

    /** Metrics, access log, request log and usage statistics. */
    public Observability observability() {
        return parts.observability();
    }

    /**
     * Re-reads the config file and every credential file of auth-dir now, as the file watcher does when it sees a
     * change (SIGHUP calls this). A config that is not valid is logged and the live one stays.
     */
    public void reload() {
        parts.store().reloadNow();
    }

    /**
     * Stops taking requests (new ones get 503), lets running ones, streams included, finish for up to
     * {@code shutdown-grace-period-seconds}, then stops the server, cancels what is left and unloads the plugins.
     */
    @Override
    public void close() {
        parts.watcher().close();
        parts.pluginWatcher().close();
        gate.shutdown();
        Duration grace = Duration.ofSeconds(parts.live().config().shutdownGracePeriodSeconds());
        try {
            if (!gate.awaitShutdown(grace.toMillis())) {
                LOG.warn("Shutdown grace period ({} s) over; cancelling the requests still running",
                        grace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        parts.oauth().close();
        parts.observability().close();
        parts.requests().shutdownNow();
        parts.upstream().close();
        parts.plugins().close();
        LOG.info("CLI Proxy API stopped");
        parts.fileLogging().close();
    }
}
