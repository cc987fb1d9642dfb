package dev.cliproxy.host.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.pipeline.ExchangeListener;
import dev.cliproxy.host.pipeline.ExchangeOutcome;
import dev.cliproxy.host.pipeline.InboundRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The anchor's usage queue: while {@code usage-statistics-enabled} is on, every request that reached an upstream
 * leaves one record ({@link UsageRecord}) that a collector drains with {@code GET /usage-queue?count=N}. Records
 * older than {@code redis-usage-queue-retention-seconds} (default 60, 1 to 3600) are dropped, and so is the
 * oldest record once {@value #MAX_RECORDS} wait, so an idle collector costs bounded memory.
 */
public final class UsageQueue implements ExchangeListener {

    static final int MAX_RECORDS = 10_000;

    /**
     * What the config says about the queue.
     *
     * @param enabled   {@code usage-statistics-enabled}
     * @param retention {@code redis-usage-queue-retention-seconds}
     */
    public record Settings(boolean enabled, Duration retention) {

        /** The settings of {@code config}. */
        public static Settings of(ProxyConfig config) {
            JsonNode raw = config.raw();
            long seconds = raw.path("redis-usage-queue-retention-seconds").asLong(60);
            return new Settings(raw.path("usage-statistics-enabled").asBoolean(false),
                    Duration.ofSeconds(Math.clamp(seconds <= 0 ? 60 : seconds, 1, 3600)));
        }
    }

    private record Queued(Instant at, ObjectNode record) {
    }

    private final Clock clock;
    private final Supplier<Settings> settings;
    private final Function<String, Credential> credentials;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Queued> queue = new ArrayDeque<>();

    /**
     * @param clock       record times and retention
     * @param settings    the live settings
     * @param credentials a live credential by id, or {@code null}
     */
    public UsageQueue(Clock clock, Supplier<Settings> settings, Function<String, Credential> credentials) {
        this.clock = clock;
        this.settings = settings;
        this.credentials = credentials;
    }

    @Override
    public void finished(InboundRequest request, ExchangeOutcome outcome) {
        if (outcome.provider() == null || !settings.get().enabled()) {
            return;
        }
        Instant now = clock.instant();
        Credential credential = outcome.credentialId() == null ? null : credentials.apply(outcome.credentialId());
        add(now, UsageRecord.of(request, outcome, credential, now));
    }

    private void add(Instant now, ObjectNode record) {
        lock.lock();
        try {
            dropExpired(now);
            if (queue.size() >= MAX_RECORDS) {
                queue.removeFirst();
            }
            queue.addLast(new Queued(now, record));
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns up to {@code count} records, oldest first. */
    public ArrayNode pop(int count) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        lock.lock();
        try {
            dropExpired(clock.instant());
            while (out.size() < count && !queue.isEmpty()) {
                out.add(queue.removeFirst().record());
            }
        } finally {
            lock.unlock();
        }
        return out;
    }

    /** How many records wait (expired ones excluded). */
    public int size() {
        lock.lock();
        try {
            dropExpired(clock.instant());
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void dropExpired(Instant now) {
        Instant oldest = now.minus(settings.get().retention());
        while (!queue.isEmpty() && queue.peekFirst().at().isBefore(oldest)) {
            queue.removeFirst();
        }
    }
}
