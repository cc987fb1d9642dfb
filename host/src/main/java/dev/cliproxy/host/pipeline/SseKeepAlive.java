package dev.cliproxy.host.pipeline;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * {@code streaming.keepalive-seconds}: while an SSE stream is open, writes {@code : keep-alive} comments whenever the
 * stream has been idle for the interval, so proxies and clients in between do not time out while a model thinks,
 * and a client that has gone away is noticed at the next write. A timer task on the exchange's I/O thread (no thread
 * of its own), cancelled by {@link #close()}. Not used for Gemini's JSON-array framing, which has no comments.
 */
final class SseKeepAlive implements AutoCloseable {

    private static final SseKeepAlive OFF = new SseKeepAlive(null, null, 0);

    private final StreamWriter writer;
    private final XnioIoThread thread;
    private final long intervalNanos;
    private XnioExecutor.Key next;
    private boolean closed;

    private SseKeepAlive(StreamWriter writer, XnioIoThread thread, long intervalNanos) {
        this.writer = writer;
        this.thread = thread;
        this.intervalNanos = intervalNanos;
    }

    /** Starts keep-alives on {@code writer} every {@code seconds} (none when {@code seconds <= 0}). */
    static SseKeepAlive start(StreamWriter writer, StreamFraming framing, int seconds, XnioIoThread thread) {
        if (seconds <= 0 || framing != StreamFraming.SSE) {
            return OFF;
        }
        SseKeepAlive k = new SseKeepAlive(writer, thread, Duration.ofSeconds(seconds).toNanos());
        k.schedule();
        return k;
    }

    private void schedule() {
        next = thread.executeAfter(this::tick, intervalNanos, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            writer.keepAlive(intervalNanos);
        } catch (IOException clientGone) {
            return;
        }
        schedule();
    }

    @Override
    public void close() {
        if (this == OFF) {
            return;
        }
        closed = true;
        if (next != null) {
            next.remove();
        }
    }
}
