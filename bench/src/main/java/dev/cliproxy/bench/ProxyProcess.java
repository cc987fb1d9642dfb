package dev.cliproxy.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proxy under test, in its own JVM (launched with this benchmark's class path), and what the operating system
 * and the JVM tell about it: CPU time from {@code /proc/<pid>/stat}, RSS from {@code /proc/<pid>/status}, heap from
 * {@code jcmd GC.heap_info}.
 */
final class ProxyProcess implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Process process;
    final int port;
    /** Milliseconds from process start to {@code /healthz} answering 200. */
    final long readyMillis;

    private ProxyProcess(Process process, int port, long readyMillis) {
        this.process = process;
        this.port = port;
        this.readyMillis = readyMillis;
    }

    static ProxyProcess start(Path config, int port, Path log, List<String> jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dorg.jboss.logging.provider=slf4j");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.cliproxy.host.Main");
        cmd.add("--config");
        cmd.add(config.toString());
        return start(new ProcessBuilder(cmd), port, log);
    }

    /**
     * The proxy as a user starts it: the bundle's start script (which finds Java and adds its own JVM options),
     * with {@code env} added to the environment (e.g. {@code JAVA_OPTS}).
     */
    static ProxyProcess startScript(Path script, Path config, int port, Path log, Map<String, String> env)
            throws IOException {
        ProcessBuilder b = new ProcessBuilder(script.toString(), "--config", config.toString());
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        b.environment().putAll(env);
        return start(b, port, log);
    }

    private static ProxyProcess start(ProcessBuilder builder, int port, Path log) throws IOException {
        long t0 = System.nanoTime();
        Process p = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = t0 + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("the proxy exited at start; see " + log);
            }
            if (healthy(port)) {
                return new ProxyProcess(p, port, (System.nanoTime() - t0) / 1_000_000);
            }
            try {
                // 5 ms apart: polling harder takes CPU from the proxy starting on the same 2 cores
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        p.destroyForcibly();
        throw new IOException("the proxy did not become ready in 30 s; see " + log);
    }

    private static boolean healthy(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/healthz").toURL()
                    .openConnection();
            c.setConnectTimeout(200);
            c.setReadTimeout(1000);
            boolean ok = c.getResponseCode() == 200;
            c.disconnect();
            return ok;
        } catch (IOException e) {
            return false;
        }
    }

    long readyMillis() {
        return readyMillis;
    }

    long pid() {
        return process.pid();
    }

    /** User plus system CPU time of the process so far, in microseconds (10 ms resolution). */
    long cpuMicros() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 1_000_000 / CLOCK_TICKS_PER_SECOND;
    }

    /**
     * CPU time of the proxy's JIT compiler threads so far, in microseconds: the benchmark warms the proxy up until
     * this stops growing, so that compilation does not compete with the measured load on a small machine.
     */
    long compilerCpuMicros() throws IOException {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException threadEnded) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.contains("CompilerThre")) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks * 1_000_000 / CLOCK_TICKS_PER_SECOND;
    }

    /** Resident set size in KiB. */
    long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** File descriptors the process has open. */
    long openFiles() throws IOException {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return fds.count();
        }
    }

    /** The most file descriptors the process may open (its {@code ulimit -n}), from {@code /proc/<pid>/limits}. */
    long openFilesLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return Long.MAX_VALUE;
    }

    /** Heap in use in KiB, from {@code jcmd GC.heap_info}; after a full GC when {@code gcFirst}. */
    long heapUsedKib(boolean gcFirst) throws IOException, InterruptedException {
        if (gcFirst) {
            jcmd("GC.run");
        }
        // one "total ...K, used ...K" line per heap (G1) or per generation (parallel, serial): their sum
        Matcher m = Pattern.compile("total \\d+K, used (\\d+)K").matcher(jcmd("GC.heap_info"));
        long used = -1;
        while (m.find()) {
            used = Math.max(used, 0) + Long.parseLong(m.group(1));
        }
        return used;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()), command).redirectErrorStream(true).start();
        // its answer is small enough to wait in the pipe
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + command + " got no answer in 60 s");
        }
        return new String(p.getInputStream().readAllBytes());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
