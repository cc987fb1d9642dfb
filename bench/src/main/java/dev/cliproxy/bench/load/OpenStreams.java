package dev.cliproxy.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Many streams open at once: waits until every one has started, samples, then lets them all finish. */
public final class OpenStreams {

    /** What happened: streams opened and completed, deltas received, failures. */
    public record Result(int opened, int completed, long deltas, int failures) {
    }

    private OpenStreams() {
    }

    /**
     * Opens {@code n} streams of {@code request} on {@code port}; once all have received their first byte (or 60 s
     * passed) runs {@code whileOpen}, then waits for them to end.
     */
    public static Result run(int port, byte[] request, int n, Runnable whileOpen) throws InterruptedException {
        CountDownLatch open = new CountDownLatch(n);
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong deltas = new java.util.concurrent.atomic.AtomicLong();
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                boolean[] first = {false};
                int[] count = {0};
                HttpConn.BodySink sink = (buf, off, len) -> {
                    if (!first[0]) {
                        first[0] = true;
                        opened.incrementAndGet();
                        open.countDown();
                    }
                    for (int k = off; k < off + len; k++) {
                        if (buf[k] == '\n' && k > off && buf[k - 1] == '\n') {
                            count[0]++;
                        }
                    }
                };
                try (HttpConn conn = new HttpConn(port)) {
                    if (conn.exchange(request, sink) == 200) {
                        completed.incrementAndGet();
                        deltas.addAndGet(count[0]);
                    } else {
                        failures.incrementAndGet();
                    }
                } catch (IOException e) {
                    failures.incrementAndGet();
                } finally {
                    if (!first[0]) {
                        open.countDown();
                    }
                }
            }));
        }
        open.await(60, TimeUnit.SECONDS);
        whileOpen.run();
        for (Thread t : threads) {
            t.join();
        }
        return new Result(opened.get(), completed.get(), deltas.get(), failures.get());
    }
}
