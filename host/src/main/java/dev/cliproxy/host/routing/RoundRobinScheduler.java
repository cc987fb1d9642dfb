package dev.cliproxy.host.routing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Spreads requests evenly: one cursor per model advances on every pick, skipping ineligible candidates. */
public final class RoundRobinScheduler implements Scheduler {

    private static final int MAX_CURSORS = 4096;

    private final Map<String, AtomicInteger> cursors = new ConcurrentHashMap<>();

    @Override
    public Candidate pick(String model, List<Candidate> candidates, Predicate<Candidate> eligible) {
        int n = candidates.size();
        if (n == 0) {
            return null;
        }
        int tier = Scheduler.topPriority(candidates, eligible);
        if (tier == Integer.MIN_VALUE) {
            return null;
        }
        int start = cursor(model).getAndIncrement();
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(Math.floorMod(start + i, n));
            if (c.credential().priority() == tier && eligible.test(c)) {
                return c;
            }
        }
        return null;
    }

    private AtomicInteger cursor(String model) {
        AtomicInteger c = cursors.get(model);
        if (c != null) {
            return c;
        }
        if (cursors.size() >= MAX_CURSORS) {
            cursors.clear();
        }
        return cursors.computeIfAbsent(model, k -> new AtomicInteger());
    }
}
