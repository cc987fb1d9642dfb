package dev.cliproxy.bench;

import dev.cliproxy.bench.load.HttpConn;
import dev.cliproxy.bench.load.Load;
import dev.cliproxy.bench.load.OpenStreams;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy benchmark: a {@link FakeUpstream} and the proxy in its own JVM, driven side by side with the fake
 * upstream directly, so that every figure is a ratio or a difference measured in the same run on the same machine.
 * Run it with {@code bench/run.sh}; {@code -Dbench.seconds} sets the length of each measured run.
 */
public final class BenchMain {

    static final String KEY = "bench-key-0123456789";
    private static final String AUTH = "Authorization: Bearer " + KEY + "\r\n";

    private final long millis = Long.getLong("bench.seconds", 10) * 1000;
    private final String heap = System.getProperty("bench.heap", "256m");
    private final Path work;
    private final Report report = new Report();

    private BenchMain(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "all";
        Path work = Path.of(System.getProperty("bench.dir", "bench/target/run"));
        Files.createDirectories(work);
        BenchMain bench = new BenchMain(work);
        int exit = 0;
        try (FakeUpstream fake = new FakeUpstream(2)) {
            switch (mode) {
                case "all" -> bench.all(fake);
                case "check" -> bench.check(fake);
                case "profile" -> bench.profile(fake);
                case "startup" -> bench.startup(fake);
                case "soak" -> new Soak(bench, fake, Long.getLong("bench.soak.minutes", 10)).run();
                default -> throw new IllegalArgumentException("mode: all | check | profile | soak");
            }
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    static byte[] chat(String model, boolean stream) {
        return HttpConn.post("/v1/chat/completions", AUTH, ("{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}")
                .getBytes(StandardCharsets.UTF_8));
    }

    static byte[] claude(boolean stream) {
        return HttpConn.post("/v1/messages", "x-api-key: up-key\r\nanthropic-version: 2023-06-01\r\n",
                ("{\"model\":\"fake-claude\",\"max_tokens\":64,\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    Path config(int port, int upstreamPort) throws IOException {
        // a folder of its own: the proxy watches its config file's folder, and the log written next to it would
        // wake the watcher on every access-log line
        Path cfg = Files.createDirectories(work.resolve("proxy")).resolve("config.yaml");
        Files.writeString(cfg, """
                host: 127.0.0.1
                port: %d
                auth-dir: %s
                api-keys: ["%s"]
                openai-compatibility:
                  - name: fake
                    base-url: http://127.0.0.1:%d/v1
                    api-key-entries:
                      - api-key: up-key
                    models:
                      - name: fake-gpt
                bench-claude:
                  - base-url: http://127.0.0.1:%d
                    api-key: up-key
                    models: [fake-claude]
                """.formatted(port, work.resolve("auth"), KEY, upstreamPort, upstreamPort));
        return cfg;
    }

    ProxyProcess startProxy(FakeUpstream fake) throws IOException {
        return startProxy(fake, List.of());
    }

    ProxyProcess startProxy(FakeUpstream fake, List<String> extraOptions) throws IOException {
        int port = freePort();
        List<String> options = new ArrayList<>(proxyOptions());
        options.addAll(extraOptions);
        return ProxyProcess.start(config(port, fake.port()), port, work.resolve("proxy.log"), options);
    }

    private List<String> proxyOptions() {
        // the collector the start script picks by default
        List<String> opts = new ArrayList<>(List.of("-Xmx" + heap, "-Xms64m", "-XX:+UseParallelGC"));
        String extra = System.getProperty("bench.proxy.opts", "").trim();
        if (!extra.isEmpty()) {
            opts.addAll(List.of(extra.split("\\s+")));
        }
        return opts;
    }

    /** Load for a profiler attached to the proxy ({@code -Dbench.proxy.opts=-XX:StartFlightRecording...}). */
    private void profile(FakeUpstream fake) throws Exception {
        try (ProxyProcess proxy = startProxy(fake)) {
            warmUp(fake, proxy);
            // -Dbench.profile.rate=N: one connection at N req/s (the latency scenario); else the throughput one
            int rate = Integer.getInteger("bench.profile.rate", 0);
            int conns = Integer.getInteger("bench.connections", 64);
            for (byte[] request : List.of(chat("fake-gpt", false), chat("fake-claude", false))) {
                long cpu0 = proxy.cpuMicros();
                Load.Result r = rate > 0 ? Load.fixedRate(proxy.port, request, rate, millis)
                        : Load.closedLoop(proxy.port, request, conns, millis);
                System.out.printf(Locale.ROOT, "%.0f req/s, %.1f us CPU/request, p50 %.0f us, p99 %.0f us,"
                        + " %d errors%n", r.perSecond(), (double) (proxy.cpuMicros() - cpu0) / r.requests(), r.p(50),
                        r.p(99), r.errors());
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void all(FakeUpstream fake) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        report.line("# Proxy benchmark (%d cores; proxy heap -Xmx%s; %d s per run; %s)", cores, heap, millis / 1000,
                System.getProperty("java.vm.version"));
        if (section("startup")) {
            startup(fake);
        }
        try (ProxyProcess proxy = startProxy(fake)) {
            warmUp(fake, proxy);
            if (section("latency")) {
                latency(fake, proxy);
            }
            if (section("throughput")) {
                throughput(fake, proxy);
            }
            if (section("streams")) {
                streams(fake, proxy);
            }
            if (section("open")) {
                openStreams(fake, proxy);
            }
        }
        Path out = work.resolve("bench-report.md");
        Files.writeString(out, report.text());
        System.out.println("\nReport written to " + out);
    }

    /** Whether {@code -Dbench.sections} (comma-separated; default: all) asks for {@code name}. */
    private static boolean section(String name) {
        String wanted = System.getProperty("bench.sections", "").trim();
        return wanted.isEmpty() || List.of(wanted.split("\\s*,\\s*")).contains(name);
    }

    /** A quick end-to-end check of each kind of request, printing what comes back. */
    private void check(FakeUpstream fake) throws Exception {
        FakeUpstream.deltas = 3;
        try (ProxyProcess proxy = startProxy(fake)) {
            for (byte[] request : List.of(chat("fake-gpt", false), chat("fake-claude", false),
                    chat("fake-gpt", true), chat("fake-claude", true))) {
                try (HttpConn conn = new HttpConn(proxy.port)) {
                    for (int i = 0; i < 2; i++) {
                        StringBuilder body = new StringBuilder();
                        int status = conn.exchange(request, (b, off, len) ->
                                body.append(new String(b, off, len, StandardCharsets.UTF_8)));
                        System.out.println(status + " " + body);
                    }
                }
            }
            for (byte[] request : List.of(chat("fake-gpt", false), chat("fake-claude", false))) {
                Load.Result r = Load.closedLoop(proxy.port, request, 16, 2000);
                System.out.printf("closed loop, 16 connections: %d requests, %d errors%n", r.requests(), r.errors());
            }
        }
    }

    /**
     * Start-up, process start to {@code /healthz} answering: through the bundle's start script when the bundle has
     * been built ({@code dist/target}, or {@code -Dbench.dist}), with and without its class-data archive, and with
     * plain {@code java -cp} as the rest of the benchmark starts the proxy.
     */
    private void startup(FakeUpstream fake) throws IOException {
        report.line("\n## Start-up: process start to /healthz answering (median of 3)");
        report.line("| how | median ms | runs |");
        report.line("|---|---|---|");
        Path script = Path.of(System.getProperty("bench.dist", "dist/target/cli-proxy-api"), "bin",
                "cli-proxy-api");
        if (Files.isExecutable(script)) {
            Path cds = work.resolve("cds");
            Map<String, String> env = Map.of("JAVA_OPTS", "-Xmx" + heap, "CLI_PROXY_API_CDS_DIR", cds.toString());
            deleteFolder(cds);
            long first;
            try (ProxyProcess p = startScript(fake, script, env)) {
                first = p.readyMillis();
            } // the archive is written as this first run exits
            startupRow("`bin/cli-proxy-api` (class-data archive; its first run: " + first + " ms)",
                    () -> startScript(fake, script, env));
            Map<String, String> noCds = Map.of("JAVA_OPTS", "-Xmx" + heap, "CLI_PROXY_API_CDS", "off");
            startupRow("`bin/cli-proxy-api`, `CLI_PROXY_API_CDS=off`", () -> startScript(fake, script, noCds));
        } else {
            report.line("| `bin/cli-proxy-api`: not built (`./mvnw -pl dist -am package`) | | |");
        }
        startupRow("`java -Xmx" + heap + " -cp ...` (as the load runs below)", () -> startProxy(fake, List.of()));
    }

    private ProxyProcess startScript(FakeUpstream fake, Path script, Map<String, String> env) throws IOException {
        int port = freePort();
        return ProxyProcess.startScript(script, config(port, fake.port()), port, work.resolve("proxy.log"), env);
    }

    private interface ProxyStart {
        ProxyProcess start() throws IOException;
    }

    private void startupRow(String label, ProxyStart how) throws IOException {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (ProxyProcess p = how.start()) {
                times.add(p.readyMillis());
            }
        }
        List<Long> sorted = new ArrayList<>(times);
        sorted.sort(null);
        report.line("| %s | **%d** | %s |", label, sorted.get(1), times);
    }

    private static void deleteFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    /**
     * Runs every kind of request until the proxy's JIT compiler has (nearly) finished: a round of a few seconds in
     * which the compiler threads used less than 5% of one core, or 120 s. On two cores a compiler still busy with
     * the tail of large methods would otherwise take a third of the CPU from the first measured runs.
     */
    private void warmUp(FakeUpstream fake, ProxyProcess proxy) throws Exception {
        FakeUpstream.deltas = 50;
        FakeUpstream.paceMicros = 0;
        Load.closedLoop(fake.port(), chat("fake-gpt", false), 16, 2000);
        Load.closedLoop(fake.port(), claude(false), 16, 2000);
        long start = System.nanoTime();
        long roundMillis = 4000;
        double compilerShare;
        do {
            long jit0 = proxy.compilerCpuMicros();
            long t0 = System.nanoTime();
            Load.closedLoop(proxy.port, chat("fake-gpt", false), 16, roundMillis / 2);
            Load.closedLoop(proxy.port, chat("fake-claude", false), 16, roundMillis / 2);
            Load.streams(proxy.port, chat("fake-claude", true), 4, 40, "content");
            Load.streams(proxy.port, chat("fake-gpt", true), 4, 40, "content");
            compilerShare = (proxy.compilerCpuMicros() - jit0) / ((System.nanoTime() - t0) / 1000.0);
        } while (compilerShare > 0.05 && System.nanoTime() - start < 120_000_000_000L);
        report.line("\n(warm-up: %.0f s, until the JIT compiler used %.0f%% of a core)",
                (System.nanoTime() - start) / 1e9, compilerShare * 100);
    }

    private void latency(FakeUpstream fake, ProxyProcess proxy) throws Exception {
        int rate = Integer.getInteger("bench.rate", 1000);
        report.line("\n## Added latency, 1 connection, %d req/s offered (microseconds)", rate);
        report.line("| scenario | direct p50 | proxy p50 | added p50 | direct p99 | proxy p99 | added p99 |");
        report.line("|---|---|---|---|---|---|---|");
        latencyRow("non-stream pass-through", fake.port(), chat("fake-gpt", false), proxy.port,
                chat("fake-gpt", false), rate);
        latencyRow("non-stream OpenAI -> Claude", fake.port(), claude(false), proxy.port,
                chat("fake-claude", false), rate);
    }

    private void latencyRow(String name, int directPort, byte[] direct, int proxyPort, byte[] proxied, int rate)
            throws IOException {
        Load.Result d = Load.fixedRate(directPort, direct, rate, millis);
        Load.Result p = Load.fixedRate(proxyPort, proxied, rate, millis);
        check(d);
        check(p);
        report.line("| %s | %.0f | %.0f | **%.0f** | %.0f | %.0f | **%.0f** |", name, d.p(50), p.p(50),
                p.p(50) - d.p(50), d.p(99), p.p(99), p.p(99) - d.p(99));
    }

    private void throughput(FakeUpstream fake, ProxyProcess proxy) throws Exception {
        int conns = Integer.getInteger("bench.connections", 64);
        report.line("\n## Throughput, %d connections", conns);
        report.line("| scenario | direct req/s | proxy req/s | proxy / direct | proxy CPU us/request | proxy p99 ms |");
        report.line("|---|---|---|---|---|---|");
        throughputRow("non-stream pass-through", fake.port(), chat("fake-gpt", false), proxy,
                chat("fake-gpt", false), conns);
        throughputRow("non-stream OpenAI -> Claude", fake.port(), claude(false), proxy, chat("fake-claude", false),
                conns);
    }

    private void throughputRow(String name, int directPort, byte[] direct, ProxyProcess proxy, byte[] proxied,
                               int conns) throws Exception {
        Load.Result d = Load.closedLoop(directPort, direct, conns, millis);
        long cpu0 = proxy.cpuMicros();
        Load.Result p = Load.closedLoop(proxy.port, proxied, conns, millis);
        long cpu = proxy.cpuMicros() - cpu0;
        check(d);
        check(p);
        report.line("| %s | %.0f | %.0f | %.0f%% | %.1f | %.2f |", name, d.perSecond(), p.perSecond(),
                100 * p.perSecond() / d.perSecond(), (double) cpu / p.requests(), p.p(99) / 1000);
    }

    private void streams(FakeUpstream fake, ProxyProcess proxy) throws Exception {
        int deltas = 1000;
        FakeUpstream.deltas = deltas;
        FakeUpstream.paceMicros = Long.getLong("bench.pace.micros", 1000);
        int total = Integer.getInteger("bench.stream.count", 40);
        int concurrency = Integer.getInteger("bench.stream.concurrency", 4);
        Load.StreamResult d = Load.streams(fake.port(), claude(true), concurrency, total, "text");
        long cpu0 = proxy.cpuMicros();
        Load.StreamResult p = Load.streams(proxy.port, chat("fake-claude", true), concurrency, total, "content");
        double cpuPerDelta = (double) (proxy.cpuMicros() - cpu0) / Math.max(1, p.deltas());
        report.line("\n## Streams, OpenAI client -> Claude upstream, %d deltas every %d us, %d at a time (microseconds)",
                deltas, FakeUpstream.paceMicros, concurrency);
        report.line("| | direct | proxy | added |");
        report.line("|---|---|---|---|");
        report.line("| time to first byte p50 | %d | %d | **%d** |", d.ttfb().getValueAtPercentile(50),
                p.ttfb().getValueAtPercentile(50),
                p.ttfb().getValueAtPercentile(50) - d.ttfb().getValueAtPercentile(50));
        report.line("| time to first byte p99 | %d | %d | %d |", d.ttfb().getValueAtPercentile(99),
                p.ttfb().getValueAtPercentile(99),
                p.ttfb().getValueAtPercentile(99) - d.ttfb().getValueAtPercentile(99));
        report.line("| delta upstream-write to client-read p50 | %d | %d | **%d** |",
                d.deltaLatency().getValueAtPercentile(50), p.deltaLatency().getValueAtPercentile(50),
                p.deltaLatency().getValueAtPercentile(50) - d.deltaLatency().getValueAtPercentile(50));
        report.line("| delta upstream-write to client-read p99 | %d | %d | %d |",
                d.deltaLatency().getValueAtPercentile(99), p.deltaLatency().getValueAtPercentile(99),
                p.deltaLatency().getValueAtPercentile(99) - d.deltaLatency().getValueAtPercentile(99));
        report.line("| deltas received / sent | %d / %d | %d / %d | |", d.deltas(), (long) total * deltas,
                p.deltas(), (long) total * deltas);
        report.line("| failed streams | %d | %d | |", d.errors(), p.errors());
        report.line("| proxy CPU per delta (us) | | %.1f | |", cpuPerDelta);
    }

    private void openStreams(FakeUpstream fake, ProxyProcess proxy) throws Exception {
        int n = Integer.getInteger("bench.open.streams", 1000);
        FakeUpstream.deltas = 100;
        FakeUpstream.paceMicros = 100_000;
        long idleHeap = proxy.heapUsedKib(true);
        long idleRss = proxy.rssKib();
        long[] sample = new long[3];
        OpenStreams.Result r = OpenStreams.run(proxy.port, chat("fake-claude", true), n, () -> {
            try {
                Thread.sleep(1000);
                sample[0] = proxy.heapUsedKib(false);
                sample[1] = proxy.heapUsedKib(true);
                sample[2] = proxy.rssKib();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        report.line("\n## %d open streams (OpenAI client -> Claude upstream, 100 deltas every 100 ms)", n);
        report.line("| | idle | %d streams open |", n);
        report.line("|---|---|---|");
        report.line("| heap used (MiB) | %.1f (after GC) | %.1f (%.1f after GC) |", idleHeap / 1024.0,
                sample[0] / 1024.0, sample[1] / 1024.0);
        report.line("| RSS (MiB) | %.1f | %.1f |", idleRss / 1024.0, sample[2] / 1024.0);
        report.line("| streams opened / completed / failed | | %d / %d / %d |", r.opened(), r.completed(),
                r.failures());
        report.line("| events received (per stream) | | %.1f |", (double) r.deltas() / Math.max(1, r.completed()));
    }

    static void check(Load.Result r) {
        if (r.errors() > 0) {
            System.out.printf(Locale.ROOT, "WARNING: %d failed requests%n", r.errors());
        }
    }

    /** Collects the report and echoes it as it grows. */
    static final class Report {
        private final StringBuilder text = new StringBuilder();

        void line(String format, Object... args) {
            String s = String.format(Locale.ROOT, format, args);
            System.out.println(s);
            text.append(s).append('\n');
        }

        String text() {
            return text.toString();
        }
    }
}
