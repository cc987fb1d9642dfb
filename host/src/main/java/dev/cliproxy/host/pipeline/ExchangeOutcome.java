package dev.cliproxy.host.pipeline;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.api.format.Usage;

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
 */
public record ExchangeOutcome(String requestId, WireFormat format, String model, String provider,
                              String credentialId, String clientKeyId, boolean stream, int status, int attempts,
                              long startNanos, long firstByteNanos, long endNanos, Usage usage, String error) {
}
