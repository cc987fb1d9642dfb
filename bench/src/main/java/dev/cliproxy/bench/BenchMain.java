package dev.cliproxy.bench;

import dev.cliproxy.bench.load.HttpConn;
import dev.cliproxy.bench.load.Load;
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
    private final Targets targets = new Targets();

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
                case "streams10k" -> bench.openStreamsOnly();
                case "soak" -> new Soak(bench, fake, Long.getLong("bench.soak.minutes", 10)).run();
                default -> throw new IllegalArgumentException(
                        "mode: all | check | profile | startup | soak | streams10k");
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
        return startProxy(fake.port(), extraOptions);
    }

    /** The proxy in front of the fake upstream listening on {@code upstreamPort}. */
    ProxyProcess startProxy(int upstreamPort, List<String> extraOptions) throws IOException {
        int port = freePort();
        List<String> options = new ArrayList<>(proxyOptions());
        options.addAll(extraOptions);
        return ProxyProcess.start(config(port, upstreamPort), port, work.resolve("proxy.log"), options);
    }

    Path work() {
        return work;
    }

    String heap() {
        return heap;
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
        }
        if (section("open")) {
            new OpenStreamsRun(this, report, targets).run();
        }
        finish("bench-report.md");
    }

    /** {@code bench/run.sh streams10k}: the open-streams run alone. */
    private void openStreamsOnly() throws Exception {
        report.line("# Open streams (%d cores; %s)", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"));
        new OpenStreamsRun(this, report, targets).run();
        finish("streams10k-report.md");
    }

    private void finish(String file) throws IOException {
        targets.writeTo(report);
        Path out = work.resolve(file);
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

    /** What a load pattern measures on one port with one request. */
    private interface LoadRun {
        Load.Result run(int port, byte[] request) throws Exception;
    }

    /** The same load measured on the fake upstream directly and through the proxy. */
    private record Compared(Load.Result direct, Load.Result proxy) {
        double added(double percentile) {
            return proxy.p(percentile) - direct.p(percentile);
        }
    }

    /**
     * Added latency on one connection, closed loop (the next request leaves as soon as the previous answer is
     * complete) for issue 14's targets; then, with {@code bench.rate} > 0, paced at that rate as earlier reports were.
     */
    private void latency(FakeUpstream fake, ProxyProcess proxy) throws Exception {
        report.line("\n## Added latency, 1 connection, closed loop (microseconds)");
        report.line("| scenario | direct req/s | proxy req/s | direct p50 | proxy p50 | added p50 | direct p99"
                + " | proxy p99 | added p99 | proxy CPU us/request |");
        report.line("|---|---|---|---|---|---|---|---|---|---|");
        LoadRun closed = (port, request) -> Load.closedLoop(port, request, 1, millis);
        for (boolean translated : List.of(false, true)) {
            String name = translated ? "OpenAI -> Claude" : "pass-through";
            long cpu0 = proxy.cpuMicros();
            Compared r = compare(fake, proxy, translated, closed);
            long cpu = proxy.cpuMicros() - cpu0;
            report.line("| non-stream %s | %.0f | %.0f | %.0f | %.0f | **%.0f** | %.0f | %.0f | **%.0f** | %.1f |",
                    name, r.direct().perSecond(), r.proxy().perSecond(), r.direct().p(50), r.proxy().p(50),
                    r.added(50), r.direct().p(99), r.proxy().p(99), r.added(99), (double) cpu / r.proxy().requests());
            targets.atMost("1 connection closed loop, " + name + ": added p50", 60, r.added(50), " us");
            targets.atMost("1 connection closed loop, " + name + ": added p99", 300, r.added(99), " us");
        }
        int rate = Integer.getInteger("bench.rate", 1000);
        if (rate <= 0) {
            return;
        }
        report.line("\n## Added latency, 1 connection, %d req/s offered (microseconds)", rate);
        report.line("| scenario | direct p50 | proxy p50 | added p50 | direct p99 | proxy p99 | added p99 |");
        report.line("|---|---|---|---|---|---|---|");
        LoadRun paced = (port, request) -> Load.fixedRate(port, request, rate, millis);
        for (boolean translated : List.of(false, true)) {
            String name = translated ? "OpenAI -> Claude" : "pass-through";
            Compared r = compare(fake, proxy, translated, paced);
            report.line("| non-stream %s | %.0f | %.0f | **%.0f** | %.0f | %.0f | **%.0f** |", name, r.direct().p(50),
                    r.proxy().p(50), r.added(50), r.direct().p(99), r.proxy().p(99), r.added(99));
        }
    }

    /** The direct run, then the proxy's, of a non-stream request: pass-through or OpenAI client to Claude upstream. */
    private static Compared compare(FakeUpstream fake, ProxyProcess proxy, boolean translated, LoadRun load)
            throws Exception {
        Load.Result d = load.run(fake.port(), translated ? claude(false) : chat("fake-gpt", false));
        Load.Result p = load.run(proxy.port, chat(translated ? "fake-claude" : "fake-gpt", false));
        check(d);
        check(p);
        return new Compared(d, p);
    }

    private void throughput(FakeUpstream fake, ProxyProcess proxy) throws Exception {
        int conns = Integer.getInteger("bench.connections", 64);
        report.line("\n## Throughput, %d connections", conns);
        report.line("| scenario | direct req/s | proxy req/s | proxy / direct | proxy CPU us/request | proxy p99 ms |");
        report.line("|---|---|---|---|---|---|");
        throughputRow("pass-through", fake.port(), chat("fake-gpt", false), proxy, chat("fake-gpt", false), conns,
                40);
        throughputRow("OpenAI -> Claude", fake.port(), claude(false), proxy, chat("fake-claude", false), conns, 50);
    }

    private void throughputRow(String name, int directPort, byte[] direct, ProxyProcess proxy, byte[] proxied,
                               int conns, int cpuTarget) throws Exception {
        Load.Result d = Load.closedLoop(directPort, direct, conns, millis);
        long cpu0 = proxy.cpuMicros();
        Load.Result p = Load.closedLoop(proxy.port, proxied, conns, millis);
        long cpu = proxy.cpuMicros() - cpu0;
        check(d);
        check(p);
        double cpuPerRequest = (double) cpu / p.requests();
        report.line("| non-stream %s | %.0f | %.0f | %.0f%% | %.1f | %.2f |", name, d.perSecond(), p.perSecond(),
                100 * p.perSecond() / d.perSecond(), cpuPerRequest, p.p(99) / 1000);
        targets.atLeast(conns + " connections, " + name + ": proxy req/s of direct", 70,
                100 * p.perSecond() / d.perSecond(), "%");
        targets.atMost("proxy CPU per request, " + name + " (" + conns + " connections)", cpuTarget, cpuPerRequest,
                " us");
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
        report.line("| deltas in a read of their own | %.2f%% | %.2f%% | |", 100 - d.batchedPercent(),
                100 - p.batchedPercent());
        report.line("| failed streams | %d | %d | |", d.errors(), p.errors());
        report.line("| proxy CPU per delta (us) | | %.1f | |", cpuPerDelta);
        long addedTtfb = p.ttfb().getValueAtPercentile(50) - d.ttfb().getValueAtPercentile(50);
        targets.atMost("proxy CPU per streamed delta", 10, cpuPerDelta, " us");
        targets.atMost("streams: added time to first byte p50", 150, addedTtfb, " us");
        // a reader late by more than the pace finds two deltas waiting whoever sent them (the direct run shows how
        // often on this machine); a proxy that batched would make most deltas share a read
        targets.add("streams: every delta flushed on its own", "all delivered; share of deltas arriving in the same"
                        + " read as the one before <= direct's + 5 points",
                "%d / %d delivered; sharing a read: %.2f%% (direct %.2f%%)".formatted(p.deltas(), (long) total * deltas,
                        p.batchedPercent(), d.batchedPercent()),
                p.deltas() == (long) total * deltas && p.batchedPercent() <= d.batchedPercent() + 5);
    }

    static void check(Load.Result r) {
        if (r.errors() > 0) {
            System.out.printf(Locale.ROOT, "WARNING: %d failed requests%n", r.errors());
        }
    }
}
