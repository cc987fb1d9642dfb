package dev.cliproxy.host.pipeline;

import dev.cliproxy.api.Operation;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.Usage;

/**
 * What happened to one client request, reported once at its end to every {@link ExchangeListener}.
 *
 * @param requestId    the request id
 * @param format       the client's format
 * @param model        the model the client asked for
 * @param provider     the provider that answered last, or {@code null} when none was tried
 * @param credentialId the credential used last, or {@code null}
 * @param clientKeyId  the client key's stable id
 * @param stream       whether the answer was streamed
 * @param status       the HTTP status sent (499 when the client went away)
 * @param attempts     upstream attempts made
 * @param startNanos   arrival time ({@link System#nanoTime()})
 * @param firstByteNanos when the first response byte was written, or 0
 * @param endNanos     completion time
 * @param usage        token usage from the upstream, or {@code null}
 * @param error        a short error description, or {@code null}
 * @param operation    generate or count tokens
 * @param upstreamNanos how long the last upstream attempt took to open: a whole body's full answer, or a stream's
 *                     first event; 0 when no attempt opened
 */
public record ExchangeOutcome(String requestId, WireFormat format, String model, String provider,
                              String credentialId, String clientKeyId, boolean stream, int status, int attempts,
                              long startNanos, long firstByteNanos, long endNanos, Usage usage, String error,
                              Operation operation, long upstreamNanos) {

    /** An outcome of a generate request with no upstream timing (the original shape). */
    public ExchangeOutcome(String requestId, WireFormat format, String model, String provider, String credentialId,
                           String clientKeyId, boolean stream, int status, int attempts, long startNanos,
                           long firstByteNanos, long endNanos, Usage usage, String error) {
        this(requestId, format, model, provider, credentialId, clientKeyId, stream, status, attempts, startNanos,
                firstByteNanos, endNanos, usage, error, Operation.GENERATE, 0);
    }

    /** Whether the client was answered with a success status. */
    public boolean succeeded() {
        return status >= 200 && status < 400;
    }
}
