package dev.cliproxy.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FakeUpstream} in a JVM of its own, for runs with more connections than one process may hold beside the
 * load driver's (each open stream costs the fake upstream one file descriptor and the driver another).
 */
final class FakeUpstreamProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private FakeUpstreamProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts one whose streams have {@code deltas} deltas {@code paceMicros} apart; returns once it listens. */
    static FakeUpstreamProcess start(int deltas, long paceMicros, Path log) throws IOException {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                FakeUpstream.class.getName(), Integer.toString(deltas), Long.toString(paceMicros)))
                .redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (line == null || !line.startsWith("port ")) {
            p.destroyForcibly();
            throw new IOException("the fake upstream did not start; see " + log);
        }
        return new FakeUpstreamProcess(p, Integer.parseInt(line.substring(5).trim()));
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
