package dev.cliproxy.host.pipeline;

import dev.cliproxy.formats.ByteSearch;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.sse.SseEvent;

/**
 * Reads token usage out of a passed-through stream without decoding every event: only events whose bytes mention
 * usage ({@code usage}, {@code usageMetadata}) go through the native decoder.
 */
final class UsageTap {

    private static final byte[] NEEDLE = {'s', 'a', 'g', 'e', '"'};

    private final StreamDecoder decoder;
    private final ExchangeTrace trace;

    UsageTap(StreamDecoder decoder, ExchangeTrace trace) {
        this.decoder = decoder;
        this.trace = trace;
    }

    void see(SseEvent event) {
        if (!ByteSearch.contains(event.data(), NEEDLE)) {
            return;
        }
        try {
            decoder.decode(event, this::onDecoded);
        } catch (RuntimeException ignored) {
            // usage is best-effort on pass-through; the event itself is relayed unchanged
        }
    }

    void onDecoded(StreamEvent ev) {
        if (ev instanceof StreamEvent.UsageUpdate u) {
            trace.usage(u.usage());
        } else if (ev instanceof StreamEvent.MessageStart s && s.usage() != null) {
            trace.usage(s.usage());
        }
    }
}
