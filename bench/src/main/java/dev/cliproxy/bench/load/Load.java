package dev.cliproxy.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** The load patterns of the benchmark. Every latency is recorded in microseconds. */
public final class Load {

    private Load() {
    }

    /** What a run measured. */
    public record Result(long requests, long errors, double seconds, Histogram latency) {
        public double perSecond() {
            return requests / seconds;
        }

        public double p(double percentile) {
            return latency.getValueAtPercentile(percentile);
        }
    }

    /** {@code connections} connections sending {@code request} back to back for {@code millis}. */
    public static Result closedLoop(int port, byte[] request, int connections, long millis) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            threads.add(Thread.ofPlatform().daemon().name("load-" + i).start(() -> {
                HttpConn conn = null;
                try {
                    conn = new HttpConn(port);
                    ready.countDown();
                    go.await();
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        int status = conn.exchange(request, HttpConn.BodySink.DISCARD);
                        recorder.recordValue((System.nanoTime() - t0) / 1000);
                        if (status == 200) {
                            done.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    if (errors.getAndIncrement() == 0) {
                        System.err.println("load connection failed: " + e);
                    }
                    ready.countDown();
                } finally {
                    close(conn);
                }
            }));
        }
        ready.await();
        long t0 = System.nanoTime();
        go.countDown();
        Thread.sleep(millis);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(done.get(), errors.get(), seconds, recorder.getIntervalHistogram());
    }

    /**
     * One connection sending {@code request} at a fixed rate for {@code millis}; latency is each request's service
     * time (from its send to the end of its answer).
     */
    public static Result fixedRate(int port, byte[] request, int perSecond, long millis) throws IOException {
        Histogram h = new Histogram(3);
        long interval = 1_000_000_000L / perSecond;
        long errors = 0;
        long n = 0;
        try (HttpConn conn = new HttpConn(port)) {
            long start = System.nanoTime();
            long end = start + millis * 1_000_000;
            long next = start;
            while (next < end) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long t0 = System.nanoTime();
                int status = conn.exchange(request, HttpConn.BodySink.DISCARD);
                h.recordValue((System.nanoTime() - t0) / 1000);
                if (status == 200) {
                    n++;
                } else {
                    errors++;
                }
                next += interval;
            }
            return new Result(n, errors, (System.nanoTime() - start) / 1e9, h);
        }
    }

    /**
     * What a streaming run measured: time to first byte, each delta's travel time from the fake upstream, and how many
     * deltas arrived in the same read as the delta before them ({@link DeltaClock#batched}).
     */
    public record StreamResult(long streams, long errors, long deltas, long batched, Histogram ttfb,
                               Histogram deltaLatency) {
        /** Percentage of the deltas received that came in the same read as the delta before them. */
        public double batchedPercent() {
            return 100.0 * batched / Math.max(1, deltas);
        }
    }

    /**
     * {@code total} streams, {@code concurrency} at a time; each answer's deltas are timed with a {@link DeltaClock}
     * looking for {@code key}.
     */
    public static StreamResult streams(int port, byte[] request, int concurrency, int total, String key)
            throws InterruptedException {
        Recorder ttfb = new Recorder(3);
        Histogram deltas = new Histogram(3);
        AtomicLong remaining = new AtomicLong(total);
        AtomicLong errors = new AtomicLong();
        AtomicLong deltaCount = new AtomicLong();
        AtomicLong batched = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                Histogram mine = new Histogram(3);
                try (HttpConn conn = new HttpConn(port)) {
                    while (remaining.getAndDecrement() > 0) {
                        DeltaClock clock = new DeltaClock(key, mine, conn::reads);
                        long t0 = System.nanoTime();
                        int status = conn.exchange(request, clock);
                        if (status != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                        ttfb.recordValue((conn.firstByteNanos - t0) / 1000);
                        deltaCount.addAndGet(clock.deltas);
                        batched.addAndGet(clock.batched);
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
                synchronized (deltas) {
                    deltas.add(mine);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new StreamResult(total, errors.get(), deltaCount.get(), batched.get(), ttfb.getIntervalHistogram(),
                deltas);
    }

    static void close(HttpConn c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
