package dev.cliproxy.host.pipeline;

import dev.cliproxy.host.routing.Candidate;
import dev.cliproxy.host.upstream.UpstreamException;

/**
 * Observes the pipeline: every client request as it starts, every upstream attempt that failed and every finished
 * client request. The calls for one request come in order, never at the same time: {@link #started}, any number of
 * {@link #attemptFailed}, then exactly one {@link #finished}; mostly on the client exchange's I/O thread, which
 * serves many requests at once, so per-request state is kept by the {@link InboundRequest} (equal only to itself),
 * never in a thread local. Implementations must be fast, must not block and must not throw.
 */
public interface ExchangeListener {

    /** A listener that ignores everything. */
    ExchangeListener NONE = new ExchangeListener() {
    };

    /**
     * The client request starts. A listener may return a wrapper of {@code out} to observe what the client is sent
     * (it must delegate every call); the default returns {@code out} unchanged.
     */
    default ClientChannel started(InboundRequest request, ClientChannel out) {
        return out;
    }

    /** An upstream attempt failed (it may be retried on another credential). */
    default void attemptFailed(InboundRequest request, Candidate candidate, UpstreamException error) {
    }

    /** The client request is over. */
    default void finished(InboundRequest request, ExchangeOutcome outcome) {
    }
}
