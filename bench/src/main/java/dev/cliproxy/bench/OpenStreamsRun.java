package dev.cliproxy.bench;

import dev.cliproxy.bench.load.OpenStreams;
import java.io.IOException;
import java.util.List;

/**
 * The open-streams run of issue 14: {@code bench.open.streams} streams (default 10,000) open at once, OpenAI client
 * to Claude upstream, each upstream stream sending {@code bench.open.deltas} deltas (default 20) one every
 * {@code bench.open.pace.micros} (default 1 s). It has a proxy and a fake upstream process of its own, so that each
 * process holds at most two sockets per stream: the proxy (client and upstream side) is the tightest, and the run is
 * cut to what its file-descriptor limit allows. Reports the proxy's heap (after a full GC) and RSS while all streams
 * are open, and how many completed with every delta.
 */
final class OpenStreamsRun {

    private static final int TARGET_STREAMS = 10_000;
    private static final long TARGET_HEAP_KIB = 256 * 1024;
    /** Descriptors left to the proxy beyond two per stream: jars, its listener, an attach socket for jcmd. */
    private static final int SPARE_FILES = 200;

    private final BenchMain bench;
    private final Report report;
    private final Targets targets;

    OpenStreamsRun(BenchMain bench, Report report, Targets targets) {
        this.bench = bench;
        this.report = report;
        this.targets = targets;
    }

    /** A sample of the proxy while the streams are open. */
    private record Sample(long heapKib, long heapAfterGcKib, long rssKib, long openFiles) {
    }

    void run() throws Exception {
        int requested = Integer.getInteger("bench.open.streams", TARGET_STREAMS);
        int deltas = Integer.getInteger("bench.open.deltas", 20);
        long pace = Long.getLong("bench.open.pace.micros", 1_000_000);
        int perSecond = Integer.getInteger("bench.open.rate", 2000);
        try (FakeUpstreamProcess upstream = FakeUpstreamProcess.start(deltas, pace,
                bench.work().resolve("fake-upstream.log"));
             ProxyProcess proxy = bench.startProxy(upstream.port(), List.of())) {
            long limit = proxy.openFilesLimit();
            long idleFiles = proxy.openFiles();
            int n = (int) Math.min(requested, (limit - idleFiles - SPARE_FILES) / 2);
            long idleHeap = proxy.heapUsedKib(true);
            long idleRss = proxy.rssKib();
            Sample[] open = new Sample[1];
            long cpu0 = proxy.cpuMicros();
            long t0 = System.nanoTime();
            OpenStreams.Result r = OpenStreams.run(proxy.port, BenchMain.chat("fake-claude", true), n, perSecond,
                    deltas, (int) (pace / 1000), "content", () -> open[0] = sample(proxy));
            double seconds = (System.nanoTime() - t0) / 1e9;
            long cpu = proxy.cpuMicros() - cpu0;

            report.line("\n## %,d open streams (OpenAI client -> Claude upstream, %d deltas %d ms apart, opened %d a"
                    + " second; proxy -Xmx%s; %.0f s)", n, deltas, pace / 1000, perSecond, bench.heap(), seconds);
            if (n < requested) {
                report.line("Only %,d of the %,d asked for: the proxy holds two sockets per stream (client and"
                        + " upstream) and may open %,d files (`ulimit -n`; it had %d open when idle).", n, requested,
                        limit, idleFiles);
            }
            report.line("| | idle | %,d streams open |", r.openAtSample());
            report.line("|---|---|---|");
            report.line("| heap used (MiB) | %.1f (after GC) | %.1f (%.1f after GC) |", idleHeap / 1024.0,
                    open[0].heapKib() / 1024.0, open[0].heapAfterGcKib() / 1024.0);
            report.line("| RSS (MiB) | %.1f | %.1f |", idleRss / 1024.0, open[0].rssKib() / 1024.0);
            report.line("| proxy file descriptors (limit %d) | %d | %d |", limit, idleFiles, open[0].openFiles());
            report.line("| streams started / completed with every delta / failed | | %d / %d / %d |", r.started(),
                    r.completed(), r.failures());
            report.line("| deltas received / sent | | %d / %d |", r.deltas(), (long) n * deltas);
            report.line("| delta upstream-write to client-read p50 / p99 (us) | | %d / %d |",
                    r.deltaLatency().getValueAtPercentile(50), r.deltaLatency().getValueAtPercentile(99));
            report.line("| proxy CPU per delta, stream set-up included (us) | | %s |",
                    r.deltas() == 0 ? "n/a" : "%.1f".formatted((double) cpu / r.deltas()));
            targets.add("%,d open streams (one delta a second each), proxy -Xmx%s".formatted(TARGET_STREAMS,
                            bench.heap()),
                    "%,d completed, heap after GC <= 256 MiB".formatted(TARGET_STREAMS),
                    "%,d / %,d completed (%,d run, %,d failed); heap after GC %.1f MiB, RSS %.1f MiB".formatted(
                            r.completed(), TARGET_STREAMS, n, r.failures(), open[0].heapAfterGcKib() / 1024.0,
                            open[0].rssKib() / 1024.0),
                    r.completed() >= TARGET_STREAMS && open[0].heapAfterGcKib() >= 0
                            && open[0].heapAfterGcKib() <= TARGET_HEAP_KIB);
        }
    }

    /** The proxy's heap, RSS and descriptors; -1 for what it could not tell (e.g. a proxy out of memory). */
    private static Sample sample(ProxyProcess proxy) {
        long heap = heapKib(proxy, false);
        long heapAfterGc = heap < 0 ? -1 : heapKib(proxy, true);
        try {
            return new Sample(heap, heapAfterGc, proxy.rssKib(), proxy.openFiles());
        } catch (IOException ended) {
            return new Sample(heap, heapAfterGc, -1, -1);
        }
    }

    private static long heapKib(ProxyProcess proxy, boolean gcFirst) {
        try {
            return proxy.heapUsedKib(gcFirst);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
