package dev.cliproxy.host.routing;

import java.util.function.Predicate;

/**
 * Chooses the candidate for the next attempt in a model's pool. Always the highest priority tier that has an
 * eligible candidate; within it the strategy decides. Implementations are stateless and lock-free (the only state,
 * the round-robin cursor, is an atomic counter in the pool). A pick costs O(1) (round-robin, fill-first) or
 * O(log n) (weighted, a binary search) when the first probe is eligible, plus one probe per candidate that is
 * cooling or already tried by this request.
 */
public interface Scheduler {

    /**
     * Picks one eligible candidate, or {@code null} when none is.
     *
     * @param pool     the model's candidates
     * @param eligible whether a candidate may be used now (not cooling, not yet tried by this request)
     */
    Candidate pick(CandidatePool pool, Predicate<Candidate> eligible);

    /** {@code c} has just served a request from {@code pool}; called once per request, on its thread. */
    default void served(CandidatePool pool, Candidate c) {
    }

    /** The scheduler for a canonical {@code routing.strategy} value; anything else is round-robin. */
    static Scheduler forStrategy(String strategy) {
        return switch (strategy == null ? "" : strategy) {
            case "fill-first" -> FillFirstScheduler.INSTANCE;
            case "weighted-round-robin" -> WeightedRoundRobinScheduler.INSTANCE;
            default -> RoundRobinScheduler.INSTANCE;
        };
    }

    /** The first eligible member of {@code tier} starting at index {@code start} and wrapping around, or null. */
    static Candidate probe(CandidatePool.Tier tier, int start, Predicate<Candidate> eligible) {
        Candidate[] m = tier.members;
        for (int i = 0; i < m.length; i++) {
            Candidate c = m[(start + i) % m.length];
            if (eligible.test(c)) {
                return c;
            }
        }
        return null;
    }
}
