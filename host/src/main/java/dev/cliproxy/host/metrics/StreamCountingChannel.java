package dev.cliproxy.host.metrics;

import dev.cliproxy.api.Cancellation;
import dev.cliproxy.host.pipeline.ClientChannel;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts a stream as active from the moment it is started until the exchange ends ({@link #close()}, called by
 * {@link RequestMetrics} when the request finishes).
 */
final class StreamCountingChannel implements ClientChannel {

    private final ClientChannel next;
    private final AtomicInteger active;
    private boolean counted;

    StreamCountingChannel(ClientChannel next, AtomicInteger active) {
        this.next = next;
        this.active = active;
    }

    @Override
    public void sendJson(int status, byte[] body, Map<String, String> headers) {
        next.sendJson(status, body, headers);
    }

    @Override
    public void startStream(String contentType, Map<String, String> headers) {
        next.startStream(contentType, headers);
        if (!counted) {
            counted = true;
            active.incrementAndGet();
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        next.write(bytes);
    }

    @Override
    public boolean streamStarted() {
        return next.streamStarted();
    }

    @Override
    public Cancellation cancellation() {
        return next.cancellation();
    }

    /** Ends the stream's count, once. */
    void close() {
        if (counted) {
            counted = false;
            active.decrementAndGet();
        }
    }
}
