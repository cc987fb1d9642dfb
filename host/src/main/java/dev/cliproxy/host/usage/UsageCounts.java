package dev.cliproxy.host.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Usage;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request, token and time counters of one bucket (a day, a client key, a model...): the time is the sum of the
 * requests' durations, from arrival to the last byte, so that an average is {@code total_latency_ms /
 * total_requests}. Thread-safe, lock-free.
 */
final class UsageCounts {

    private final LongAdder requests = new LongAdder();
    private final LongAdder success = new LongAdder();
    private final LongAdder failure = new LongAdder();
    private final LongAdder input = new LongAdder();
    private final LongAdder output = new LongAdder();
    private final LongAdder cached = new LongAdder();
    private final LongAdder reasoning = new LongAdder();
    private final LongAdder latencyMillis = new LongAdder();

    void record(boolean ok, Usage u, long millis) {
        requests.increment();
        latencyMillis.add(millis);
        (ok ? success : failure).increment();
        if (u != null) {
            input.add(u.inputTokens());
            output.add(u.outputTokens());
            cached.add(u.cachedInputTokens());
            reasoning.add(u.reasoningTokens());
        }
    }

    long requests() {
        return requests.sum();
    }

    long failures() {
        return failure.sum();
    }

    long tokens() {
        return input.sum() + output.sum();
    }

    /** Writes the counters into {@code out} with the anchor's field names. */
    ObjectNode writeTo(ObjectNode out) {
        out.put("total_requests", requests.sum());
        out.put("success_count", success.sum());
        out.put("failure_count", failure.sum());
        out.put("total_tokens", tokens());
        out.put("input_tokens", input.sum());
        out.put("output_tokens", output.sum());
        out.put("cached_tokens", cached.sum());
        out.put("reasoning_tokens", reasoning.sum());
        out.put("total_latency_ms", latencyMillis.sum());
        return out;
    }

    /**
     * Adds counters exported by {@link #writeTo}. A bucket that gives only {@code total_tokens} (older exports)
     * counts them as output tokens so that totals still add up.
     */
    void add(JsonNode in) {
        requests.add(in.path("total_requests").asLong(0));
        success.add(in.path("success_count").asLong(0));
        failure.add(in.path("failure_count").asLong(0));
        long i = in.path("input_tokens").asLong(0);
        long o = in.path("output_tokens").asLong(0);
        if (!in.has("input_tokens") && !in.has("output_tokens")) {
            o = in.path("total_tokens").asLong(0);
        }
        input.add(i);
        output.add(o);
        cached.add(in.path("cached_tokens").asLong(0));
        reasoning.add(in.path("reasoning_tokens").asLong(0));
        latencyMillis.add(in.path("total_latency_ms").asLong(0));
    }
}
