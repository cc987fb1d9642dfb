package dev.cliproxy.host.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.MutableClock;
import dev.cliproxy.host.testing.TestProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A proxy whose Claude and Codex OAuth endpoints point at a {@link FakeAccountProvider}, with the management key
 * set and a clock the test moves; helpers to write token files, call the management API and send model requests.
 */
final class OAuthFixture implements AutoCloseable {

    static final String KEY = "mgmt-key-0123456789";

    final FakeAccountProvider fake = new FakeAccountProvider();
    final MutableClock clock = MutableClock.startingNow();
    final TestProxy proxy;
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS)
            .connectTimeout(Duration.ofSeconds(5)).build();

    OAuthFixture() {
        this("");
    }

    OAuthFixture(String yaml) {
        proxy = TestProxy.start("remote-management:\n  secret-key: \"" + KEY + "\"\n" + fake.oauthYaml() + yaml,
                clock);
    }

    Path authDir() {
        return proxy.dir().resolve("auth");
    }

    /** A management call with the key. */
    HttpResponse<String> mgmt(String method, String path, String body) {
        return proxy.send(proxy.request("/v0/management" + path).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Follows {@code url} like a browser (redirects included) and returns the last page. */
    HttpResponse<String> browse(String url) {
        try {
            return browser.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Claude token file with a fresh live token pair expiring at {@code expiry}; returns its access token. */
    String writeClaude(String name, Instant expiry, String extraFields) {
        String[] pair = fake.issuePair();
        write(name, "{\"type\":\"claude\",\"email\":\"" + name + "\",\"access_token\":\"" + pair[0]
                + "\",\"refresh_token\":\"" + pair[1] + "\",\"expired\":\"" + expiry + "\"" + extraFields + "}");
        return pair[0];
    }

    /** Uploads a token file through the management API (live at once). */
    void write(String name, String json) {
        HttpResponse<String> r = mgmt("POST", "/auth-files?name=" + name, json);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.body());
        }
    }

    ObjectNode file(String name) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(authDir().resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String mode(String name) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(authDir().resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The session entry of {@code file} from {@code GET /sessions}, or a missing node. */
    JsonNode session(String file) {
        for (JsonNode s : Json.parse(mgmt("GET", "/sessions", null).body().getBytes()).path("sessions")) {
            if (s.path("file").asText().equals(file)) {
                return s;
            }
        }
        return Json.MAPPER.missingNode();
    }

    /** An OpenAI chat request for {@code model}. */
    HttpResponse<String> chat(String model) {
        return proxy.post("/v1/chat/completions", null, "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    /** Polls {@code probe} every 20 ms until {@code done} holds or 10 s pass; returns the last value. */
    static <T> T eventually(Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        T value = probe.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            value = probe.get();
        }
        return value;
    }

    @Override
    public void close() {
        proxy.close();
        fake.close();
    }
}
