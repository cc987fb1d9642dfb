package dev.cliproxy.host.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.metrics.MetricLabels;
import dev.cliproxy.host.pipeline.ExchangeListener;
import dev.cliproxy.host.pipeline.ExchangeOutcome;
import dev.cliproxy.host.pipeline.InboundRequest;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Usage statistics in memory, from the upstreams' own token counts (and the requests' summed durations, for average
 * latencies): totals, per day and per hour of day, per client key id and per provider, each broken down by model.
 * Every map is bounded: days keep the last {@link #MAX_DAYS}, hours are the 24 hours of the day, client keys and
 * providers are capped at {@link #MAX_GROUPS} (then {@code other}), models are the served names or {@code other} (see
 * {@link MetricLabels}) and capped per group. Recording is lock-free. Off when {@code usage-statistics-enabled: false}.
 */
public final class UsageStatistics implements ExchangeListener {

    static final int MAX_DAYS = 366;
    static final int MAX_GROUPS = 1024;

    private final Clock clock;
    private final MetricLabels labels;
    private final BooleanSupplier enabled;
    private volatile Buckets buckets = new Buckets();

    public UsageStatistics(Clock clock, MetricLabels labels, BooleanSupplier enabled) {
        this.clock = clock;
        this.labels = labels;
        this.enabled = enabled;
    }

    /** The counters of one reset period. */
    private static final class Buckets {
        final UsageCounts total = new UsageCounts();
        final Map<String, UsageCounts> days = new ConcurrentHashMap<>();
        final Map<String, UsageCounts> hours = new ConcurrentHashMap<>();
        final Map<String, UsageGroup> apis = new ConcurrentHashMap<>();
        final Map<String, UsageGroup> providers = new ConcurrentHashMap<>();
    }

    @Override
    public void finished(InboundRequest request, ExchangeOutcome o) {
        if (!enabled.getAsBoolean() || o.status() == 499 && o.provider() == null) {
            return;
        }
        boolean ok = o.succeeded();
        String model = labels.model(o.model());
        long millis = Math.max(0, (o.endNanos() - o.startNanos()) / 1_000_000);
        LocalDateTime now = LocalDateTime.now(clock);
        Buckets b = buckets;
        b.total.record(ok, o.usage(), millis);
        day(b, now.toLocalDate().toString()).record(ok, o.usage(), millis);
        b.hours.computeIfAbsent(twoDigits(now.getHour()), k -> new UsageCounts()).record(ok, o.usage(), millis);
        group(b.apis, o.clientKeyId()).record(model, ok, o.usage(), millis);
        group(b.providers, o.provider() == null ? MetricLabels.NONE : o.provider())
                .record(model, ok, o.usage(), millis);
    }

    private static UsageCounts day(Buckets b, String day) {
        UsageCounts c = b.days.get(day);
        if (c != null) {
            return c;
        }
        c = b.days.computeIfAbsent(day, k -> new UsageCounts());
        if (b.days.size() > MAX_DAYS) {
            new TreeMap<>(b.days).keySet().stream().limit(b.days.size() - MAX_DAYS).forEach(b.days::remove);
        }
        return c;
    }

    private static UsageGroup group(Map<String, UsageGroup> groups, String name) {
        UsageGroup g = groups.get(name);
        if (g != null) {
            return g;
        }
        return groups.computeIfAbsent(groups.size() >= MAX_GROUPS ? UsageGroup.OTHER : name, k -> new UsageGroup());
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    /** The statistics in the anchor's {@code /usage} shape (without per-request details). */
    public ObjectNode snapshot() {
        Buckets b = buckets;
        ObjectNode usage = Json.MAPPER.createObjectNode();
        b.total.writeTo(usage);
        ObjectNode apis = usage.putObject("apis");
        new TreeMap<>(b.apis).forEach((k, g) -> g.writeTo(apis.putObject(k)));
        ObjectNode providers = usage.putObject("providers");
        new TreeMap<>(b.providers).forEach((k, g) -> g.writeTo(providers.putObject(k)));
        ObjectNode reqDay = usage.putObject("requests_by_day");
        ObjectNode reqHour = usage.putObject("requests_by_hour");
        ObjectNode tokDay = usage.putObject("tokens_by_day");
        ObjectNode tokHour = usage.putObject("tokens_by_hour");
        new TreeMap<>(b.days).forEach((k, c) -> {
            reqDay.put(k, c.requests());
            tokDay.put(k, c.tokens());
        });
        new TreeMap<>(b.hours).forEach((k, c) -> {
            reqHour.put(k, c.requests());
            tokHour.put(k, c.tokens());
        });
        ObjectNode days = usage.putObject("days");
        new TreeMap<>(b.days).forEach((k, c) -> c.writeTo(days.putObject(k)));
        return usage;
    }

    /** Failed requests since the last reset. */
    public long failedRequests() {
        return buckets.total.failures();
    }

    /** Total requests since the last reset. */
    public long totalRequests() {
        return buckets.total.requests();
    }

    /**
     * Adds an exported snapshot (the {@code usage} object of an export) to the counters; returns the number of
     * requests it added.
     */
    public long merge(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            throw new IllegalArgumentException("expected a usage object");
        }
        Buckets b = buckets;
        b.total.add(usage);
        JsonNode days = usage.path("days");
        if (days.isObject()) {
            days.properties().forEach(e -> day(b, e.getKey()).add(e.getValue()));
        } else {
            usage.path("requests_by_day").properties().forEach(e -> day(b, e.getKey()).add(countsOf(
                    e.getValue(), usage.path("tokens_by_day").path(e.getKey()))));
        }
        usage.path("requests_by_hour").properties().forEach(e -> {
            if (e.getKey().matches("[0-2][0-9]") && Integer.parseInt(e.getKey()) < 24) {
                b.hours.computeIfAbsent(e.getKey(), k -> new UsageCounts()).add(countsOf(e.getValue(),
                        usage.path("tokens_by_hour").path(e.getKey())));
            }
        });
        usage.path("apis").properties().forEach(e -> group(b.apis, e.getKey()).add(e.getValue()));
        usage.path("providers").properties().forEach(e -> group(b.providers, e.getKey()).add(e.getValue()));
        return usage.path("total_requests").asLong(0);
    }

    private static JsonNode countsOf(JsonNode requests, JsonNode tokens) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("total_requests", requests.asLong(0));
        n.put("total_tokens", tokens.asLong(0));
        return n;
    }

    /** Forgets everything. */
    public void reset() {
        buckets = new Buckets();
    }
}
