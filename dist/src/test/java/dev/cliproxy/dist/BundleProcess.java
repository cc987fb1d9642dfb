package dev.cliproxy.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The release bundle unpacked into a folder, and the proxy process it starts. */
final class BundleProcess {

    private BundleProcess() {
    }

    /** Unpacks the bundle archive the build made into {@code work}; returns the bundle's home folder. */
    static Path unpack(Path work) throws Exception {
        Path archive = Path.of(System.getProperty("bundle.archive"));
        assertTrue(Files.isRegularFile(archive), "bundle built: " + archive);
        run(new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", work.toString()));
        return work.resolve("cli-proxy-api");
    }

    /**
     * Writes {@code work/config.yaml}: loopback on {@code port}, {@code auth-dir} in {@code work}, one client key,
     * then {@code more}.
     */
    static Path writeConfig(Path work, int port, String clientKey, String more) throws IOException {
        return Files.writeString(work.resolve("config.yaml"), """
                host: 127.0.0.1
                port: %d
                auth-dir: %s
                api-keys: ["%s"]
                """.formatted(port, work.resolve("auth"), clientKey) + more);
    }

    /** Starts {@code home}'s script with {@code config}, its output in {@code log}. */
    static Process start(Path home, Path config, Path log) throws IOException {
        return new ProcessBuilder(home.resolve("bin/cli-proxy-api").toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits up to 60 s for {@code /healthz} to answer 200. */
    static void awaitHealthy(HttpClient http, URI base, Process proxy, Path log) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!proxy.isAlive()) {
                throw new AssertionError("proxy exited early:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    assertEquals("{\"status\":\"ok\"}", r.body());
                    return;
                }
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("proxy not healthy within 60 s:\n" + Files.readString(log));
    }

    /** Polls {@code condition} every 100 ms for up to {@code timeout}; returns whether it held. */
    static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return condition.getAsBoolean();
    }

    /** After SIGTERM ({@code destroy()}), expects exit code 0 within 40 s. */
    static void assertStoppedCleanly(Process proxy, Path log) throws Exception {
        assertTrue(proxy.waitFor(40, TimeUnit.SECONDS), "stops after SIGTERM");
        assertEquals(0, proxy.exitValue(), "exit code 0 after SIGTERM:\n" + Files.readString(log));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void run(ProcessBuilder pb) throws Exception {
        Process p = pb.inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
    }
}
