package dev.cliproxy.host.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Usage;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters of one client key or provider, with a breakdown by model. The number of models is capped: past
 * {@link #MAX_MODELS}, new names are counted under {@code other}.
 */
final class UsageGroup {

    static final int MAX_MODELS = 512;
    static final String OTHER = "other";

    private final UsageCounts counts = new UsageCounts();
    private final Map<String, UsageCounts> models = new ConcurrentHashMap<>();

    void record(String model, boolean ok, Usage u, long millis) {
        counts.record(ok, u, millis);
        model(model).record(ok, u, millis);
    }

    private UsageCounts model(String model) {
        UsageCounts c = models.get(model);
        if (c != null) {
            return c;
        }
        return models.computeIfAbsent(models.size() >= MAX_MODELS ? OTHER : model, k -> new UsageCounts());
    }

    UsageCounts counts() {
        return counts;
    }

    ObjectNode writeTo(ObjectNode out) {
        counts.writeTo(out);
        ObjectNode m = out.putObject("models");
        new TreeMap<>(models).forEach((name, c) -> c.writeTo(m.putObject(name)));
        return out;
    }

    void add(JsonNode in) {
        counts.add(in);
        in.path("models").properties().forEach(e -> model(e.getKey()).add(e.getValue()));
    }
}
