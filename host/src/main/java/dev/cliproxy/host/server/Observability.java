package dev.cliproxy.host.server;

import dev.cliproxy.api.Credential;
import dev.cliproxy.host.accesslog.AccessLog;
import dev.cliproxy.host.metrics.CredentialStates;
import dev.cliproxy.host.metrics.JvmMetrics;
import dev.cliproxy.host.metrics.ManagementKeyCheck;
import dev.cliproxy.host.metrics.MetricLabels;
import dev.cliproxy.host.metrics.MetricsAccess;
import dev.cliproxy.host.metrics.MetricsEndpoint;
import dev.cliproxy.host.metrics.MetricsSettings;
import dev.cliproxy.host.metrics.RequestMetrics;
import dev.cliproxy.host.pipeline.CompositeExchangeListener;
import dev.cliproxy.host.pipeline.ExchangeListener;
import dev.cliproxy.host.requestlog.RequestLogSettings;
import dev.cliproxy.host.requestlog.RequestLogger;
import dev.cliproxy.host.routing.CooldownTracker;
import dev.cliproxy.host.state.LiveState;
import dev.cliproxy.host.upstream.UpstreamClient;
import dev.cliproxy.host.usage.CredentialUsage;
import dev.cliproxy.host.usage.UsageHandlers;
import dev.cliproxy.host.usage.UsageQueue;
import dev.cliproxy.host.usage.UsageStatistics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that watches requests, assembled: Prometheus metrics ({@code /metrics}, optionally on
 * {@code metrics.port}), the access log, request log files, usage statistics, per-credential counters and the
 * usage queue. The pipeline sees them as one {@link #listener()}; the upstream client reports raw exchanges to the
 * request logger.
 */
public final class Observability implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Observability.class);

    private final ExchangeListener listener;
    private final HttpHandler metricsEndpoint;
    private final UsageHandlers usage;
    private final CredentialUsage credentialUsage;
    private final UsageQueue usageQueue;
    private final JvmMetrics jvm;
    private final Undertow metricsServer;

    private Observability(ExchangeListener listener, HttpHandler metricsEndpoint, UsageHandlers usage,
                          CredentialUsage credentialUsage, UsageQueue usageQueue, JvmMetrics jvm,
                          Undertow metricsServer) {
        this.listener = listener;
        this.metricsEndpoint = metricsEndpoint;
        this.usage = usage;
        this.credentialUsage = credentialUsage;
        this.usageQueue = usageQueue;
        this.jvm = jvm;
        this.metricsServer = metricsServer;
    }

    /** Builds and starts every piece (the metrics port, when configured, is listening on return). */
    public static Observability start(LiveState live, PrometheusMeterRegistry registry, CooldownTracker cooldowns,
                                      Clock clock, UpstreamClient upstream, ManagementKeyCheck managementKey) {
        MetricLabels labels = new MetricLabels(live);
        JvmMetrics jvm = JvmMetrics.bindInBackground(registry);
        new CredentialStates(live, cooldowns, clock).register(registry);

        Settings settings = new Settings(live);
        RequestLogger requestLog = new RequestLogger(() -> settings.requestLog, clock);
        upstream.observe(requestLog);
        UsageStatistics usage = new UsageStatistics(clock, labels, () -> settings.usageEnabled);
        CredentialUsage credentialUsage = new CredentialUsage(clock, ZoneId.systemDefault());
        live.onChange(state -> credentialUsage.retain(state.allCredentials().stream().map(Credential::id).toList()));
        UsageQueue usageQueue = new UsageQueue(clock, () -> settings.usageQueue, id -> live.current()
                .allCredentials().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null));
        ExchangeListener listener = CompositeExchangeListener.of(List.of(new RequestMetrics(registry, labels),
                usage, credentialUsage, usageQueue, requestLog, new AccessLog()));

        HttpHandler endpoint = new MetricsAccess(live, managementKey, new MetricsEndpoint(registry));
        MetricsSettings metrics = MetricsSettings.of(live.config());
        Undertow metricsServer = null;
        if (metrics.port() > 0) {
            String host = live.config().host().isEmpty() ? "0.0.0.0" : live.config().host();
            metricsServer = Undertow.builder().setIoThreads(1).setWorkerThreads(2)
                    .addHttpListener(metrics.port(), host)
                    .setHandler(new RoutingHandler().get("/metrics", endpoint)).build();
            metricsServer.start();
            LOG.info("Metrics served on {}:{}/metrics", host, metrics.port());
        }
        return new Observability(listener, endpoint, new UsageHandlers(usage, clock), credentialUsage, usageQueue,
                jvm, metricsServer);
    }

    /** The listener the pipeline reports to. */
    public ExchangeListener listener() {
        return listener;
    }

    /** {@code GET /metrics} with its access rule, for the main port. */
    public HttpHandler metricsEndpoint() {
        return metricsEndpoint;
    }

    /** Whether {@code /metrics} belongs on the main port ({@code metrics.port} not set). */
    public boolean metricsOnMainPort() {
        return metricsServer == null;
    }

    /** The port {@code /metrics} has of its own, or -1. */
    public int metricsPort() {
        return metricsServer == null ? -1
                : ((InetSocketAddress) metricsServer.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** The usage management handlers, to mount behind the management auth. */
    public UsageHandlers usage() {
        return usage;
    }

    /** Successes and failures per credential ({@code GET /api-key-usage}). */
    public CredentialUsage credentialUsage() {
        return credentialUsage;
    }

    /** The per-request usage records waiting for a collector ({@code GET /usage-queue}). */
    public UsageQueue usageQueue() {
        return usageQueue;
    }

    @Override
    public void close() {
        if (metricsServer != null) {
            metricsServer.stop();
        }
        jvm.close();
    }

    /** Settings read once per config change rather than once per request. */
    private static final class Settings {
        volatile RequestLogSettings requestLog;
        volatile boolean usageEnabled;
        volatile UsageQueue.Settings usageQueue;

        Settings(LiveState live) {
            apply(live);
            live.onChange(s -> apply(live));
        }

        private void apply(LiveState live) {
            requestLog = RequestLogSettings.of(live.config());
            usageQueue = UsageQueue.Settings.of(live.config());
            usageEnabled = live.config().raw() == null
                    || live.config().raw().path("usage-statistics-enabled").asBoolean(true);
        }
    }
}
