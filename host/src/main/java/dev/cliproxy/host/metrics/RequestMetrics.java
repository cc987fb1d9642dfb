package dev.cliproxy.host.metrics;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.Usage;
import dev.cliproxy.host.pipeline.ClientChannel;
import dev.cliproxy.host.pipeline.ExchangeListener;
import dev.cliproxy.host.pipeline.ExchangeOutcome;
import dev.cliproxy.host.pipeline.InboundRequest;
import dev.cliproxy.host.routing.Candidate;
import dev.cliproxy.host.upstream.UpstreamException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request metrics from the pipeline's outcomes: request counts, duration and time-to-first-byte histograms, upstream
 * latency, retries and cooldowns by reason, active streams and tokens. Labels are bounded (see {@link MetricLabels}).
 * Meters are looked up once per label set and cached, so recording a request allocates next to nothing.
 */
public final class RequestMetrics implements ExchangeListener {

    /** Histogram buckets for request durations and time to first byte. */
    private static final Duration[] LATENCY_BUCKETS = durations(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500,
            5000, 10_000, 30_000, 60_000, 120_000, 300_000);
    private static final String[] TOKEN_TYPES = {"input", "output", "cached", "reasoning"};

    private final MeterRegistry registry;
    private final MetricLabels labels;
    private final Map<RequestKey, RequestMeters> requests = new ConcurrentHashMap<>();
    private final Map<TokenKey, Counter[]> tokens = new ConcurrentHashMap<>();
    private final Map<String, Timer> upstream = new ConcurrentHashMap<>();
    private final Map<FailureKey, Counter[]> failures = new ConcurrentHashMap<>();
    private final Map<WireFormat, AtomicInteger> activeStreams = new EnumMap<>(WireFormat.class);
    /** The stream counters of the streaming requests in flight. */
    private final Map<InboundRequest, StreamCountingChannel> streams = new ConcurrentHashMap<>();

    public RequestMetrics(MeterRegistry registry, MetricLabels labels) {
        this.registry = registry;
        this.labels = labels;
        for (WireFormat f : WireFormat.values()) {
            AtomicInteger n = new AtomicInteger();
            activeStreams.put(f, n);
            Gauge.builder("cliproxy.active.streams", n, AtomicInteger::get)
                    .description("Streams being relayed to clients now").tag("format", MetricLabels.format(f))
                    .register(registry);
        }
    }

    @Override
    public ClientChannel started(InboundRequest request, ClientChannel out) {
        if (!request.stream()) {
            return out;
        }
        StreamCountingChannel counting = new StreamCountingChannel(out, activeStreams.get(request.format()));
        streams.put(request, counting);
        return counting;
    }

    @Override
    public void attemptFailed(InboundRequest request, Candidate candidate, UpstreamException error) {
        Counter[] c = failures.computeIfAbsent(new FailureKey(candidate.provider().id(), error.kind().name()),
                k -> new Counter[] {
                    Counter.builder("cliproxy.retries").description("Upstream attempts that failed and were retried"
                            + " on another credential (or gave up when none was left)")
                            .tags("provider", k.provider, "reason", k.reason.toLowerCase()).register(registry),
                    Counter.builder("cliproxy.cooldowns").description("Credentials benched after a failure")
                            .tags("provider", k.provider, "reason", k.reason.toLowerCase()).register(registry)});
        c[0].increment();
        if (error.kind().retryable()) {
            c[1].increment();
        }
    }

    @Override
    public void finished(InboundRequest request, ExchangeOutcome o) {
        if (o.stream()) {
            StreamCountingChannel counting = streams.remove(request);
            if (counting != null) {
                counting.close();
            }
        }
        String provider = MetricLabels.provider(o.provider());
        String model = labels.model(o.model());
        RequestKey key = new RequestKey(MetricLabels.route(o.format(), o.operation(), o.stream()), o.format(),
                provider, model, MetricLabels.statusClass(o.status()));
        RequestMeters m = requests.computeIfAbsent(key, this::requestMeters);
        m.count.increment();
        m.duration.record(o.endNanos() - o.startNanos(), TimeUnit.NANOSECONDS);
        if (o.firstByteNanos() > 0) {
            m.firstByte.record(o.firstByteNanos() - o.startNanos(), TimeUnit.NANOSECONDS);
        }
        if (o.upstreamNanos() > 0 && o.provider() != null) {
            upstream.computeIfAbsent(provider, p -> Timer.builder("cliproxy.upstream.latency")
                    .description("Time for an upstream to open: whole answer, or a stream's first event")
                    .tag("provider", p).serviceLevelObjectives(LATENCY_BUCKETS).register(registry))
                    .record(o.upstreamNanos(), TimeUnit.NANOSECONDS);
        }
        Usage u = o.usage();
        if (u != null && o.provider() != null) {
            Counter[] t = tokens.computeIfAbsent(new TokenKey(provider, model, o.clientKeyId()), this::tokenCounters);
            add(t[0], u.inputTokens());
            add(t[1], u.outputTokens());
            add(t[2], u.cachedInputTokens());
            add(t[3], u.reasoningTokens());
        }
    }

    private static void add(Counter c, long n) {
        if (n > 0) {
            c.increment(n);
        }
    }

    private RequestMeters requestMeters(RequestKey k) {
        String format = MetricLabels.format(k.format);
        Counter count = Counter.builder("cliproxy.requests").description("Client requests served")
                .tags("route", k.route, "format", format, "provider", k.provider, "model", k.model,
                        "status", k.status).register(registry);
        Timer duration = Timer.builder("cliproxy.request.duration").description("Client request duration")
                .tags("route", k.route, "provider", k.provider, "model", k.model)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        Timer firstByte = Timer.builder("cliproxy.time.to.first.byte")
                .description("Time from request arrival to the first response byte")
                .tags("route", k.route, "provider", k.provider, "model", k.model)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        return new RequestMeters(count, duration, firstByte);
    }

    private Counter[] tokenCounters(TokenKey k) {
        Counter[] out = new Counter[TOKEN_TYPES.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Counter.builder("cliproxy.tokens").description("Tokens reported by upstreams")
                    .tags("provider", k.provider, "model", k.model, "client", k.client, "type", TOKEN_TYPES[i])
                    .register(registry);
        }
        return out;
    }

    private static Duration[] durations(double... millis) {
        Duration[] out = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            out[i] = Duration.ofNanos((long) (millis[i] * 1_000_000));
        }
        return out;
    }

    private record RequestKey(String route, WireFormat format, String provider, String model, String status) {
    }

    private record RequestMeters(Counter count, Timer duration, Timer firstByte) {
    }

    private record TokenKey(String provider, String model, String client) {
    }

    private record FailureKey(String provider, String reason) {
    }
}
