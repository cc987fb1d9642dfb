package dev.cliproxy.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle installed as a systemd service by {@code bin/install-service}, under a throwaway root instead of
 * {@code /}, and its unit's {@code ExecStart} run as systemd would run it (no systemd needed): same command,
 * environment and working folder, every absolute path moved under the root.
 */
class ServiceIT {

    private static final String KEY = "service-test-key-0123456789";

    @TempDir
    Path work;

    private Path root;

    private String install(String... options) throws Exception {
        Path home = Files.isDirectory(work.resolve("cli-proxy-api")) ? work.resolve("cli-proxy-api")
                : BundleProcess.unpack(work);
        root = work.resolve("root");
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/install-service").toString(),
                "--root", root.toString()));
        command.addAll(Arrays.asList(options));
        return BundleProcess.run(new ProcessBuilder(command));
    }

    private Path at(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void installsTheLayoutKeepsConfigOnUpdateAndUninstallsAllButConfigAndTokens() throws Exception {
        install();

        assertTrue(Files.isExecutable(at("/opt/cli-proxy-api/bin/cli-proxy-api")));
        assertTrue(Files.isRegularFile(at("/opt/cli-proxy-api/plugins/plugin-claude.jar")));
        Path config = at("/etc/cli-proxy-api/config.yaml");
        assertTrue(Files.readString(config).contains("\nauth-dir: \"/var/lib/cli-proxy-api/auth\"\n"),
                "from the example, with the service's token folder");
        assertTrue(Files.readString(config).contains("api-keys:"), "the example's text and comments");
        assertEquals("rw-------", mode(config));
        assertEquals("rwx------", mode(at("/etc/cli-proxy-api")));
        assertEquals("rwx------", mode(at("/var/lib/cli-proxy-api/auth")));
        assertEquals("rwx------", mode(at("/var/lib/cli-proxy-api/logs")));
        assertTrue(Files.isRegularFile(at("/etc/cli-proxy-api/environment")));

        List<String> unit = Files.readAllLines(at("/etc/systemd/system/cli-proxy-api.service"));
        for (String directive : new String[] {"User=cli-proxy-api", "NoNewPrivileges=true", "ProtectSystem=strict",
                "ProtectHome=true", "PrivateTmp=true", "Restart=on-failure", "ExecReload=/bin/kill -HUP $MAINPID",
                "ReadWritePaths=/etc/cli-proxy-api /var/lib/cli-proxy-api/auth /var/lib/cli-proxy-api/logs"}) {
            assertTrue(unit.contains(directive), directive);
        }

        Files.writeString(config, "# mine\n", java.nio.file.StandardOpenOption.APPEND);
        String config1 = Files.readString(config);
        Files.writeString(at("/var/lib/cli-proxy-api/auth/claude-me.json"), "{\"type\":\"claude\"}");
        Files.writeString(at("/var/lib/cli-proxy-api/logs/error-x.log"), "a log");
        String update = install();
        assertTrue(update.contains("Kept " + config), update);
        assertEquals(config1, Files.readString(config), "an update never overwrites the config");

        install("--uninstall");
        for (String gone : new String[] {"/opt/cli-proxy-api", "/etc/systemd/system/cli-proxy-api.service",
                "/var/lib/cli-proxy-api/logs"}) {
            assertFalse(Files.exists(at(gone)), gone);
        }
        assertEquals(config1, Files.readString(config), "the config stays");
        assertTrue(Files.exists(at("/etc/cli-proxy-api/environment")));
        assertTrue(Files.exists(at("/var/lib/cli-proxy-api/auth/claude-me.json")), "the token files stay");
    }

    @Test
    void theUnitsCommandServesReloadsOnSighupAndLetsAStreamFinishOnSigterm() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer upstream = streamingUpstream(release);
        try {
            install();
            Path config = at("/etc/cli-proxy-api/config.yaml");
            int port = BundleProcess.freePort();
            Files.writeString(config, configure(Files.readString(config), port, upstream));

            Path log = Files.createFile(work.resolve("journal.log"));
            Process proxy = startAsTheUnitDoes(log);
            try {
                HttpClient http = HttpClient.newHttpClient();
                URI base = URI.create("http://127.0.0.1:" + port);
                BundleProcess.awaitHealthy(http, base, proxy, log);
                assertEquals(200, models(http, base, KEY));
                String journal = Files.readString(log);
                assertTrue(journal.lines().anyMatch(l -> l.startsWith("<6>INFO  ") && l.contains("Ready in")),
                        "journald lines: priority, level, logger, message, no timestamp:\n" + journal);

                // SIGHUP: the config is read again (the JVM's default for SIGHUP would have been to exit)
                Files.writeString(config, Files.readString(config).replace("  - \"" + KEY + "\"",
                        "  - \"" + KEY + "\"\n  - \"hup-key-0123456789\""));
                BundleProcess.run(new ProcessBuilder("kill", "-HUP", Long.toString(proxy.pid())));
                assertTrue(eventually(() -> models(http, base, "hup-key-0123456789") == 200),
                        "the new key works after SIGHUP:\n" + Files.readString(log));
                assertTrue(Files.readString(log).contains("SIGHUP: reloading the config file and auth-dir"));
                assertTrue(proxy.isAlive());

                // SIGTERM with a stream open: it finishes, then the process exits 0
                BufferedReader stream = openStream(http, base);
                proxy.destroy();
                assertTrue(eventually(() -> status(http, base.resolve("/healthz")) != 200),
                        "no new requests once stopping");
                release.countDown();
                String rest = stream.lines().collect(Collectors.joining("\n"));
                assertTrue(rest.contains("\"content\":\"lo\"") && rest.contains("data: [DONE]"), rest);
                assertTrue(proxy.waitFor(60, TimeUnit.SECONDS), "stops once the stream is done");
                assertEquals(0, proxy.exitValue(), Files.readString(log));
            } finally {
                release.countDown();
                proxy.destroyForcibly();
            }
        } finally {
            upstream.stop(0);
        }
    }

    /** The installed config with this test's port, loopback host, client key and fake upstream. */
    private String configure(String installed, int port, HttpServer upstream) {
        String text = installed;
        for (String[] edit : new String[][] {
                {"\nhost: \"\"\n", "\nhost: \"127.0.0.1\"\n"},
                {"\nport: 8317\n", "\nport: " + port + "\n"},
                {"\nauth-dir: \"/var/lib/cli-proxy-api/auth\"\n",
                        "\nauth-dir: \"" + at("/var/lib/cli-proxy-api/auth") + "\"\n"},
                {"  - \"your-api-key-1\"\n  - \"your-api-key-2\"\n  - \"your-api-key-3\"\n", "  - \"" + KEY + "\"\n"}}) {
            assertTrue(text.contains(edit[0]), edit[0]);
            text = text.replace(edit[0], edit[1]);
        }
        return text + """

                openai-compatibility:
                  - name: fake
                    base-url: http://127.0.0.1:%d/v1
                    api-key-entries:
                      - api-key: up-key-000000000001
                    models:
                      - name: up-model
                        alias: svc-model
                """.formatted(upstream.getAddress().getPort());
    }

    /**
     * Starts the unit's {@code ExecStart} with its {@code Environment=} and {@code WorkingDirectory=}, paths under
     * the root; stdout and stderr go to {@code log}, which {@code JOURNAL_STREAM} names as systemd would for the
     * journal.
     */
    private Process startAsTheUnitDoes(Path log) throws IOException {
        List<String> unit = Files.readAllLines(at("/etc/systemd/system/cli-proxy-api.service"));
        List<String> command = List.of(value(unit, "ExecStart").split("\\s+")).stream().map(this::underRoot)
                .toList();
        ProcessBuilder pb = BundleProcess.withThisJdk(new ProcessBuilder(command))
                .directory(Path.of(underRoot(value(unit, "WorkingDirectory"))).toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        for (String line : unit) {
            if (line.startsWith("Environment=")) {
                String[] pair = line.substring("Environment=".length()).split("=", 2);
                env.put(pair[0], underRoot(pair[1]));
            }
        }
        env.put("JOURNAL_STREAM", Files.getAttribute(log, "unix:dev") + ":" + Files.getAttribute(log, "unix:ino"));
        return pb.start();
    }

    private static String value(List<String> unit, String key) {
        return unit.stream().filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow()
                .substring(key.length() + 1);
    }

    private String underRoot(String word) {
        return word.startsWith("/") ? at(word).toString() : word;
    }

    /** A fake OpenAI-compatible upstream: streams "Hel", waits for {@code release}, streams "lo" and ends. */
    private static HttpServer streamingUpstream(CountDownLatch release) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                event(out, "{\"role\":\"assistant\",\"content\":\"Hel\"}", null);
                release.await();
                event(out, "{\"content\":\"lo\"}", "\"stop\"");
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }

    private static void event(OutputStream out, String delta, String finish) throws IOException {
        out.write(("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up-model\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Opens a streamed chat completion and reads it up to its first text delta. */
    private static BufferedReader openStream(HttpClient http, URI base) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"svc-model\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null && !line.contains("Hel")) {
            // the role delta and blank lines until the first text
        }
        assertTrue(line != null, "the first delta arrived");
        return lines;
    }

    private static int models(HttpClient http, URI base, String key) {
        return status(http, HttpRequest.newBuilder(base.resolve("/v1/models")).header("Authorization", "Bearer " + key)
                .build());
    }

    private static int status(HttpClient http, URI uri) {
        return status(http, HttpRequest.newBuilder(uri).build());
    }

    private static int status(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Polls {@code condition} every 50 ms for up to 30 s. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
