package dev.cliproxy.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The release bundle under test and the chores around running it: unpacking, commands, ports, readiness. */
final class Bundle {

    private Bundle() {
    }

    /** Unpacks the bundle archive built by this module into {@code dir}; returns its {@code cli-proxy-api/} folder. */
    static Path unpack(Path dir) throws Exception {
        Path archive = Path.of(System.getProperty("bundle.archive"));
        assertTrue(Files.isRegularFile(archive), "bundle built: " + archive);
        run(new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", dir.toString()));
        return dir.resolve("cli-proxy-api");
    }

    /**
     * Points the start script at the JDK running this test (the one the build chose), whatever {@code java} is
     * first on the PATH.
     */
    static ProcessBuilder withThisJdk(ProcessBuilder pb) {
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb;
    }

    /** Runs a command to its end, expecting exit code 0; returns what it printed. */
    static String run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", pb.command()) + ":\n" + text);
        return text;
    }

    /** Waits (60 s at most) for {@code GET /healthz} to answer 200; fails early when the process dies. */
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

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
