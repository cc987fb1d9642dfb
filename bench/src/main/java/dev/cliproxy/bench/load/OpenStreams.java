package dev.cliproxy.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Many streams open at once, one virtual thread and one small-buffered connection each (so ten thousand fit in the
 * driver without ten thousand platform threads): opens them at a steady rate, waits until every one has started,
 * samples, then lets them all finish and counts their deltas.
 */
public final class OpenStreams {

    private static final int BUFFER_BYTES = 4096;
    /** A stream whose next bytes are this late has failed (the proxy may have run out of memory). */
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    /**
     * What happened: streams asked for, started (first byte received), connections open when sampled, completed
     * (200 with every delta), failed; deltas received and their travel time from the upstream in microseconds.
     */
    public record Result(int requested, int started, int openAtSample, int completed, int failures, long deltas,
                         Histogram deltaLatency) {
    }

    private OpenStreams() {
    }

    /**
     * Opens {@code n} streams of {@code request} on {@code port}, {@code perSecond} new ones a second; once all have
     * received their first byte (or 60 s after the last was opened) runs {@code whileOpen}, then waits
     * for them to end. A stream completes when it ends with 200 after {@code deltas} deltas (text after
     * {@code "key":"}); one that waits for its next bytes longer than 30 s or three times {@code paceMillis} fails.
     */
    public static Result run(int port, byte[] request, int n, int perSecond, int deltas, int paceMillis, String key,
                             Runnable whileOpen) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(n);
        AtomicInteger startedCount = new AtomicInteger();
        AtomicInteger openNow = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicLong deltaCount = new AtomicLong();
        Histogram latency = new ConcurrentHistogram(3);
        List<Thread> threads = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = t0 + i * 1_000_000_000L / perSecond;
            LockSupport.parkNanos(due - System.nanoTime());
            threads.add(Thread.ofVirtual().start(() -> {
                boolean[] first = {false};
                boolean[] connected = {false};
                try (HttpConn conn = new HttpConn(port, BUFFER_BYTES, Math.max(READ_TIMEOUT_MILLIS, 3 * paceMillis))) {
                    connected[0] = true;
                    openNow.incrementAndGet();
                    DeltaClock clock = new DeltaClock(key, latency, conn::reads);
                    HttpConn.BodySink sink = (buf, off, len) -> {
                        if (!first[0]) {
                            first[0] = true;
                            startedCount.incrementAndGet();
                            started.countDown();
                        }
                        clock.data(buf, off, len);
                    };
                    int status;
                    try {
                        status = conn.exchange(request, sink);
                    } finally {
                        deltaCount.addAndGet(clock.deltas);
                    }
                    if (status == 200 && clock.deltas == deltas) {
                        completed.incrementAndGet();
                    } else {
                        failures.incrementAndGet();
                    }
                } catch (IOException | RuntimeException e) {
                    failures.incrementAndGet();
                } finally {
                    if (connected[0]) {
                        openNow.decrementAndGet();
                    }
                    if (!first[0]) {
                        started.countDown();
                    }
                }
            }));
        }
        started.await(60, TimeUnit.SECONDS);
        int openAtSample = openNow.get();
        whileOpen.run();
        for (Thread t : threads) {
            t.join();
        }
        return new Result(n, startedCount.get(), openAtSample, completed.get(), failures.get(), deltaCount.get(),
                latency);
    }
}
