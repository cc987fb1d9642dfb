package dev.cliproxy.host.pipeline;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.Codecs;
import dev.cliproxy.formats.Usage;

/** Reads token usage from a whole native response body; {@code null} when it has none or cannot be read. */
final class UsageProbe {

    private UsageProbe() {
    }

    static Usage fromBody(WireFormat format, byte[] body) {
        try {
            return Codecs.of(format).decodeResponse(body).usage();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
