package dev.cliproxy.host.routing;

import java.util.function.Predicate;

/** Spreads requests evenly: the pool's cursor advances on every pick; ineligible candidates are skipped. */
final class RoundRobinScheduler implements Scheduler {

    static final RoundRobinScheduler INSTANCE = new RoundRobinScheduler();

    @Override
    public Candidate pick(CandidatePool pool, Predicate<Candidate> eligible) {
        long turn = pool.nextTurn();
        for (CandidatePool.Tier tier : pool.tiers()) {
            Candidate c = Scheduler.probe(tier, (int) Math.floorMod(turn, (long) tier.members.length), eligible);
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
