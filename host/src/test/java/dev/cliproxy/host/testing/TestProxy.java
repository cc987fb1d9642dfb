package dev.cliproxy.host.testing;

import dev.cliproxy.host.config.ConfigLoader;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.management.ManagementPasswords;
import dev.cliproxy.host.server.ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A real proxy server for tests: Undertow on an ephemeral loopback port, the given YAML config (with
 * {@code host}, {@code port} and {@code auth-dir} filled in), providers from the test class path, and an HTTP
 * client to talk to it.
 */
public final class TestProxy implements AutoCloseable {

    private final ProxyServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dir;

    private TestProxy(ProxyServer server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    /** Starts a proxy with {@code yaml} as its config file. */
    public static TestProxy start(String yaml) {
        return start(yaml, Clock.systemUTC());
    }

    /** Starts a proxy with {@code yaml} as its config file and {@code clock} for cooldowns and expiries. */
    public static TestProxy start(String yaml, Clock clock) {
        return start(yaml, clock, ManagementPasswords.NONE);
    }

    /** Starts a proxy with {@code yaml}, {@code clock} and management passwords as if given at start-up. */
    public static TestProxy start(String yaml, Clock clock, ManagementPasswords passwords) {
        try {
            Path dir = Files.createTempDirectory("cliproxy-test");
            ProxyConfig cfg = ConfigLoader.load(writeConfig(dir, yaml));
            Path plugins = Files.createDirectories(dir.resolve("plugins"));
            return new TestProxy(ProxyServer.start(cfg, plugins, clock, passwords), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeConfig(Path dir, String yaml) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "host: 127.0.0.1\nport: 0\nauth-dir: " + dir.resolve("auth") + "\n" + yaml);
        return config;
    }

    /** Replaces the config with {@code yaml} and applies it live, as a file reload or the management API would. */
    public void reload(String yaml) {
        try {
            server.live().apply(ConfigLoader.load(writeConfig(dir, yaml)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ProxyServer server() {
        return server;
    }

    /** The folder holding the config file. */
    public Path dir() {
        return dir;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** A request builder for {@code path} on this proxy. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
    }

    /** A JSON POST with a bearer key. */
    public HttpResponse<String> post(String path, String key, String json) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return send(b.build());
    }

    /** A GET with a bearer key. */
    public HttpResponse<String> get(String path, String key) {
        HttpRequest.Builder b = request(path).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return send(b.build());
    }

    /** Sends {@code request}, reading the body as text. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The HTTP client, for streaming reads. */
    public HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        server.close();
    }
}
