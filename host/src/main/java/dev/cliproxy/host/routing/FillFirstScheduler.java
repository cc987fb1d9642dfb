package dev.cliproxy.host.routing;

import java.util.List;
import java.util.function.Predicate;

/** Uses the first eligible candidate (stable order) until it cools down, then the next. */
public final class FillFirstScheduler implements Scheduler {

    @Override
    public Candidate pick(String model, List<Candidate> candidates, Predicate<Candidate> eligible) {
        int tier = Scheduler.topPriority(candidates, eligible);
        for (Candidate c : candidates) {
            if (c.credential().priority() == tier && eligible.test(c)) {
                return c;
            }
        }
        return null;
    }
}
