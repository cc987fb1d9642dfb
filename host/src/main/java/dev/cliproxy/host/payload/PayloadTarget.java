package dev.cliproxy.host.payload;

import dev.cliproxy.api.WireFormat;
import java.util.Map;

/**
 * What a payload rule is matched against: the request after translation.
 *
 * @param upstreamModel the model sent upstream
 * @param clientModel   the model the client asked for (an alias, say)
 * @param format        the upstream's wire format (the rule's {@code protocol})
 * @param from          the client's wire format (the rule's {@code from-protocol})
 * @param headers       the client's request headers, lower-case names
 */
public record PayloadTarget(String upstreamModel, String clientModel, WireFormat format, WireFormat from,
                            Map<String, String> headers) {
}
