package dev.cliproxy.host.pipeline;

import dev.cliproxy.api.UpstreamException;
import dev.cliproxy.host.routing.Candidate;

/**
 * Observes the pipeline: every upstream attempt that failed and every finished client request. Called on the
 * request's virtual thread; implementations must be fast and must not throw.
 */
public interface ExchangeListener {

    /** A listener that ignores everything. */
    ExchangeListener NONE = new ExchangeListener() {
    };

    /** An upstream attempt failed (it may be retried on another credential). */
    default void attemptFailed(InboundRequest request, Candidate candidate, UpstreamException error) {
    }

    /** The client request is over. */
    default void finished(ExchangeOutcome outcome) {
    }
}
