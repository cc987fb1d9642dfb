package dev.cliproxy.host.routing;

import java.util.List;
import java.util.function.Predicate;

/**
 * Chooses the credential for the next attempt among a model's candidates. Implementations are lock-free and O(n)
 * at worst in the number of candidates of the model (usually O(1): the first probe is eligible).
 */
public interface Scheduler {

    /**
     * Picks one eligible candidate of the highest priority tier that has any eligible candidate, or {@code null}
     * when none is eligible.
     *
     * @param model      the client model name (schedulers keep per-model state)
     * @param candidates all candidates of the model, in a stable order
     * @param eligible   whether a candidate may be used now (not cooling, not yet tried by this request)
     */
    Candidate pick(String model, List<Candidate> candidates, Predicate<Candidate> eligible);

    /** The scheduler for a {@code routing.strategy} value; unknown values fall back to round-robin. */
    static Scheduler forStrategy(String strategy) {
        String s = strategy == null ? "" : strategy.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "fill-first", "fillfirst", "ff" -> new FillFirstScheduler();
            default -> new RoundRobinScheduler();
        };
    }

    /** The highest priority among eligible candidates, or {@code Integer.MIN_VALUE} when none is eligible. */
    static int topPriority(List<Candidate> candidates, Predicate<Candidate> eligible) {
        int top = Integer.MIN_VALUE;
        for (Candidate c : candidates) {
            if (c.credential().priority() > top && eligible.test(c)) {
                top = c.credential().priority();
            }
        }
        return top;
    }
}
