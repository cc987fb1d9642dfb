package dev.cliproxy.formats;

import dev.cliproxy.api.WireFormat;
import java.util.Objects;

/**
 * An opaque reasoning signature (Claude thinking {@code signature}, Gemini {@code thoughtSignature}, Responses
 * {@code encrypted_content}) and the format whose upstream minted it. Values are never altered.
 *
 * <p>When a client of one format receives a signature minted by another format's upstream, the codec hands it out
 * tagged ({@link #toClientValue(WireFormat)}), so that when the client sends it back the origin is known
 * ({@link #fromClientValue}): sent again to its own upstream kind it is unwrapped byte-exact; sent to another kind
 * it is dropped, never forwarded.
 */
public record Signature(WireFormat origin, String value) {

    /** Prefix of tagged signatures: {@code cpx1:<origin id>:<value>}. */
    public static final String TAG = "cpx1:";

    public Signature {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(value, "value");
    }

    /** Reads a signature a client of {@code clientFormat} sent; tagged values reveal their true origin. */
    public static Signature fromClientValue(WireFormat clientFormat, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.startsWith(TAG)) {
            int colon = raw.indexOf(':', TAG.length());
            if (colon > 0) {
                WireFormat origin = WireFormat.fromId(raw.substring(TAG.length(), colon));
                if (origin != null) {
                    return new Signature(origin, raw.substring(colon + 1));
                }
            }
        }
        return new Signature(clientFormat, raw);
    }

    /** The value to show a client of {@code clientFormat}: raw when the origin matches, else tagged. */
    public String toClientValue(WireFormat clientFormat) {
        return origin == clientFormat ? value : TAG + origin.id() + ":" + value;
    }

    /** Whether this signature may be sent to an upstream speaking {@code upstreamFormat}. */
    public boolean validFor(WireFormat upstreamFormat) {
        return origin == upstreamFormat;
    }
}
