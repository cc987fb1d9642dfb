package dev.cliproxy.host.pipeline;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code streaming.keepalive-seconds}: while an SSE stream is open, writes {@code : keep-alive} comments whenever the
 * stream has been idle for the interval, so proxies and clients in between do not time out while a model thinks,
 * and a client that has gone away is noticed at the next write. Runs on its own virtual thread; stopped (without
 * interrupting a write) by {@link #close()}. Not used for Gemini's JSON-array framing, which has no comments.
 */
final class SseKeepAlive implements AutoCloseable {

    private static final SseKeepAlive OFF = new SseKeepAlive();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private boolean closed;

    private SseKeepAlive() {
    }

    /** Starts keep-alives on {@code writer} every {@code seconds} (none when {@code seconds <= 0}). */
    static SseKeepAlive start(StreamWriter writer, StreamFraming framing, int seconds) {
        if (seconds <= 0 || framing != StreamFraming.SSE) {
            return OFF;
        }
        SseKeepAlive k = new SseKeepAlive();
        long interval = Duration.ofSeconds(seconds).toNanos();
        Thread.ofVirtual().name("sse-keepalive").start(() -> k.run(writer, interval));
        return k;
    }

    private void run(StreamWriter writer, long intervalNanos) {
        while (awaitInterval(intervalNanos)) {
            try {
                writer.keepAlive(intervalNanos);
            } catch (IOException clientGone) {
                return;
            }
        }
    }

    /** Waits one interval; false once closed. */
    private boolean awaitInterval(long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (!closed && left > 0) {
                left = stopped.awaitNanos(left);
            }
            return !closed;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        if (this == OFF) {
            return;
        }
        lock.lock();
        try {
            closed = true;
            stopped.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
