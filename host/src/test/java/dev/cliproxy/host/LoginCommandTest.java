package dev.cliproxy.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.formats.Json;
import dev.cliproxy.host.config.ConfigLoader;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.oauth.FakeAccountProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line logins, with a fake authorization server; the test plays the browser. */
class LoginCommandTest {

    @TempDir
    Path dir;

    @Test
    void codexLoginPrintsTheUrlWaitsForTheCallbackAndWritesTheFile() throws Exception {
        try (FakeAccountProvider fake = new FakeAccountProvider()) {
            Lines out = new Lines();
            CompletableFuture<Integer> exit = run(fake, out, "--codex-login", "--no-browser",
                    "--oauth-callback-port", "0");
            assertTrue(out.next().startsWith("Open this URL"));
            HttpResponse<String> page = browse(out.next());
            assertEquals(200, page.statusCode(), page.body());
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
            String saved = out.next();
            assertTrue(saved.matches("Saved .*codex-[0-9a-f]{8}-dev@example\\.com-plus\\.json"), saved);
            Path file = Path.of(saved.substring("Saved ".length()));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(FakeAccountProvider.ACCOUNT, Json.parse(Files.readAllBytes(file)).path("account_id")
                    .asText());
        }
    }

    @Test
    void claudeLoginTakesTheGoSingleDashSpelling() throws Exception {
        try (FakeAccountProvider fake = new FakeAccountProvider()) {
            Lines out = new Lines();
            CompletableFuture<Integer> exit = run(fake, out, "-claude-login", "-no-browser",
                    "-oauth-callback-port=0");
            out.next();
            String url = out.next();
            assertTrue(url.contains("redirect_uri=http%3A%2F%2Flocalhost%3A"), url);
            assertEquals(200, browse(url).statusCode());
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
            assertTrue(Files.exists(dir.resolve("auth").resolve("claude-dev@example.com.json")));
        }
    }

    @Test
    void codexDeviceLoginPollsUntilApprovedAndExchangesTheCode() throws Exception {
        try (FakeAccountProvider fake = new FakeAccountProvider()) {
            Lines out = new Lines();
            CompletableFuture<Integer> exit = run(fake, out, "--codex-device-login", "--no-browser");
            assertEquals("Open " + fake.base() + "/codex/device and enter the code ABCD-EFGH", out.next());
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
            assertTrue(out.next().matches("Saved .*codex-[0-9a-f]{8}-dev@example\\.com-plus\\.json"));
        }
    }

    @Test
    void anUnknownLoginExitsWithTwo() throws Exception {
        try (FakeAccountProvider fake = new FakeAccountProvider()) {
            Lines out = new Lines();
            assertEquals(2, run(fake, out, "--login", "nobody").get(30, TimeUnit.SECONDS));
            assertEquals("No provider offers a login named 'nobody'", out.next());
        }
    }

    private CompletableFuture<Integer> run(FakeAccountProvider fake, Lines out, String... args) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "auth-dir: " + dir.resolve("auth") + "\n" + fake.oauthYaml());
        ProxyConfig loaded = ConfigLoader.load(config);
        CommandLine cli = CommandLine.parse(args);
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                exit.complete(new LoginCommand(cli, loaded, dir.resolve("plugins"), print, Clock.systemUTC()).run());
            } catch (RuntimeException | Error e) {
                print.println("failed: " + e);
                exit.completeExceptionally(e);
            }
        });
        return exit;
    }

    private static HttpResponse<String> browse(String url) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the command prints, line by line. */
    private static final class Lines extends OutputStream {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        String next() throws InterruptedException {
            String l = lines.poll(30, TimeUnit.SECONDS);
            if (l == null) {
                throw new AssertionError("the command printed no further line");
            }
            return l;
        }
    }
}
