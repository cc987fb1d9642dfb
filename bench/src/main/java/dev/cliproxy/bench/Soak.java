package dev.cliproxy.bench;

import dev.cliproxy.bench.load.Load;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak: mixed load (pass-through, translated, streams, and requests for invented model names) for some minutes,
 * sampling the proxy's heap after a full GC and its RSS every 30 s. Memory is flat when the last samples are no
 * higher than the first ones after warm-up.
 */
final class Soak {

    private final BenchMain bench;
    private final FakeUpstream fake;
    private final long minutes;

    Soak(BenchMain bench, FakeUpstream fake, long minutes) {
        this.bench = bench;
        this.fake = fake;
        this.minutes = minutes;
    }

    void run() throws Exception {
        FakeUpstream.deltas = 200;
        FakeUpstream.paceMicros = 1000;
        List<String> lines = new ArrayList<>();
        lines.add("# Soak: " + minutes + " min of mixed load; proxy heap after full GC and RSS every 30 s");
        lines.add("| minute | requests so far | heap after GC (MiB) | RSS (MiB) |");
        lines.add("|---|---|---|---|");
        System.out.println(String.join("\n", lines));
        try (ProxyProcess proxy = bench.startProxy(fake)) {
            long end = System.nanoTime() + minutes * 60_000_000_000L;
            long requests = 0;
            int round = 0;
            while (System.nanoTime() < end) {
                Thread streams = Thread.ofPlatform().start(() -> {
                    try {
                        Load.streams(proxy.port, BenchMain.chat("fake-claude", true), 8, 80, "content");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Thread invented = Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < 300; i++) {
                            Load.closedLoop(proxy.port, BenchMain.chat("invented-" + i + "-" + System.nanoTime(),
                                    false), 1, 50);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Load.Result a = Load.closedLoop(proxy.port, BenchMain.chat("fake-gpt", false), 4, 12_000);
                Load.Result b = Load.closedLoop(proxy.port, BenchMain.chat("fake-claude", false), 4, 12_000);
                streams.join();
                invented.join();
                requests += a.requests() + b.requests() + 80;
                round++;
                String line = String.format(java.util.Locale.ROOT, "| %.1f | %d | %.1f | %.1f |",
                        round * 0.5, requests, proxy.heapUsedKib(true) / 1024.0, proxy.rssKib() / 1024.0);
                lines.add(line);
                System.out.println(line);
            }
        }
        Files.writeString(java.nio.file.Path.of(System.getProperty("bench.dir", "bench/target/run"),
                "soak-report.md"), String.join("\n", lines) + "\n");
    }
}
