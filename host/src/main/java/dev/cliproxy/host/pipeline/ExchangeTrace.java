package dev.cliproxy.host.pipeline;

import dev.cliproxy.formats.Usage;
import dev.cliproxy.host.routing.Candidate;
import dev.cliproxy.host.upstream.UpstreamException;

/** Collects, while one request runs, what its {@link ExchangeOutcome} will report. Single-threaded. */
final class ExchangeTrace {

    private final InboundRequest in;
    Candidate candidate;
    int attempts;
    long firstByteNanos;
    long upstreamNanos;
    Usage usage;
    int status = 200;
    String error;
    /** The upstream connection broke after the stream had started (the credential is cooled down for it). */
    UpstreamException brokenUpstream;

    ExchangeTrace(InboundRequest in) {
        this.in = in;
    }

    void usage(Usage u) {
        if (u != null) {
            usage = u.max(usage);
        }
    }

    void firstByte() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
    }

    ExchangeOutcome outcome() {
        return new ExchangeOutcome(in.requestId(), in.format(), in.model(),
                candidate == null ? null : candidate.provider().id(),
                candidate == null ? null : candidate.credentialId(), in.clientKeyId(), in.stream(), status, attempts,
                in.startNanos(), firstByteNanos, System.nanoTime(), usage, error, in.operation(), upstreamNanos);
    }
}
