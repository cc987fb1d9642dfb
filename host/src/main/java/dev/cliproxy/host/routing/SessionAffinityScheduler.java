package dev.cliproxy.host.routing;

import java.util.function.Predicate;

/**
 * Keeps a client session on the credential that served it ({@code routing.session-affinity}): the bound candidate
 * is picked while it is eligible, whatever its priority tier, so a long agent session keeps its upstream prompt
 * cache; when it is cooling, gone or already tried, the strategy picks another and that one is bound once it has
 * served the request.
 */
final class SessionAffinityScheduler implements Scheduler {

    private final Scheduler strategy;
    private final SessionBindings bindings;
    private final String session;

    SessionAffinityScheduler(Scheduler strategy, SessionBindings bindings, String session) {
        this.strategy = strategy;
        this.bindings = bindings;
        this.session = session;
    }

    @Override
    public Candidate pick(CandidatePool pool, Predicate<Candidate> eligible) {
        SessionBindings.Bound bound = bindings.bound(session, pool.model());
        if (bound != null) {
            for (Candidate c : pool.candidates()) {
                if (bound.is(c) && eligible.test(c)) {
                    return c;
                }
            }
        }
        return strategy.pick(pool, eligible);
    }

    @Override
    public void served(CandidatePool pool, Candidate c) {
        bindings.bind(session, pool.model(), c);
    }
}
