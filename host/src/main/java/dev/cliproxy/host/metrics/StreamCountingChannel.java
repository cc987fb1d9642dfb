package dev.cliproxy.host.metrics;

import dev.cliproxy.host.pipeline.ClientChannel;
import dev.cliproxy.host.pipeline.ForwardingClientChannel;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts a stream as active from the moment it is started until the exchange ends ({@link #close()}, called by
 * {@link RequestMetrics} when the request finishes).
 */
final class StreamCountingChannel extends ForwardingClientChannel {

    private final AtomicInteger active;
    private boolean counted;

    StreamCountingChannel(ClientChannel next, AtomicInteger active) {
        super(next);
        this.active = active;
    }

    @Override
    public void startStream(String contentType, Map<String, String> headers) {
        super.startStream(contentType, headers);
        if (!counted) {
            counted = true;
            active.incrementAndGet();
        }
    }

    /** Ends the stream's count, once. */
    void close() {
        if (counted) {
            counted = false;
            active.decrementAndGet();
        }
    }
}
