package dev.cliproxy.host.routing;

import java.util.function.Predicate;

/**
 * Weighted round-robin on each credential's {@code weight}: turn {@code n} maps to weighted slot
 * {@code n * stride mod totalWeight} (stride coprime with the total, so every cycle of {@code totalWeight} turns
 * visits each slot exactly once, interleaved rather than in runs), and the slot to its owner by binary search over
 * cumulative weights. Over each cycle every candidate gets exactly its share. Candidates with weight 0 or less are
 * never picked. When the owner is ineligible, the next eligible positive-weight member of the tier is used.
 */
final class WeightedRoundRobinScheduler implements Scheduler {

    static final WeightedRoundRobinScheduler INSTANCE = new WeightedRoundRobinScheduler();

    /** Below this total, {@code base * stride} cannot overflow a long. */
    private static final long NO_OVERFLOW = 3_037_000_499L;

    @Override
    public Candidate pick(CandidatePool pool, Predicate<Candidate> eligible) {
        long turn = pool.nextTurn();
        for (CandidatePool.Tier tier : pool.tiers()) {
            if (tier.totalWeight == 0) {
                continue;
            }
            long base = Math.floorMod(turn, tier.totalWeight);
            long slot = tier.totalWeight < NO_OVERFLOW ? base * tier.stride % tier.totalWeight : base;
            Candidate c = Scheduler.probe(tier, tier.memberAt(slot),
                    x -> x.credential().weight() > 0 && eligible.test(x));
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
