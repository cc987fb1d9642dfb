package dev.cliproxy.host.routing;

import java.util.function.Predicate;

/** Uses the first eligible candidate (registration order, i.e. config order) until it cools down, then the next. */
final class FillFirstScheduler implements Scheduler {

    static final FillFirstScheduler INSTANCE = new FillFirstScheduler();

    @Override
    public Candidate pick(CandidatePool pool, Predicate<Candidate> eligible) {
        for (CandidatePool.Tier tier : pool.tiers()) {
            Candidate c = Scheduler.probe(tier, 0, eligible);
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
