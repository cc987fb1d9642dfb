package dev.cliproxy.host.management;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.TestProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** A real proxy with the management API enabled, and a client that sends the management key. */
final class ManagementFixture implements AutoCloseable {

    static final String KEY = "mgmt-key-0123456789";
    static final String BASE = "/v0/management";

    private final TestProxy proxy;

    private ManagementFixture(TestProxy proxy) {
        this.proxy = proxy;
    }

    /** A proxy whose config is {@code yaml} plus the management key (plaintext, hashed at start-up). */
    static ManagementFixture start(String yaml) {
        return new ManagementFixture(TestProxy.start("remote-management:\n  secret-key: \"" + KEY + "\"\n" + yaml));
    }

    /** A proxy whose config is {@code yaml} as given, with {@code passwords} as if given at start-up. */
    static ManagementFixture startRaw(String yaml, ManagementPasswords passwords) {
        return new ManagementFixture(TestProxy.start(yaml, Clock.systemUTC(), passwords));
    }

    /** A proxy whose config is {@code yaml} as given. */
    static ManagementFixture startRaw(String yaml) {
        return new ManagementFixture(TestProxy.start(yaml));
    }

    TestProxy proxy() {
        return proxy;
    }

    Path configFile() {
        return proxy.dir().resolve("config.yaml");
    }

    Path authDir() {
        return proxy.dir().resolve("auth");
    }

    String configText() {
        try {
            return Files.readString(configFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A management call with the key as a bearer token; {@code body} may be {@code null}. */
    HttpResponse<String> call(String method, String path, String body) {
        return callWith(KEY, method, path, body);
    }

    /** A management call with {@code key} as a bearer token; {@code body} may be {@code null}. */
    HttpResponse<String> callWith(String key, String method, String path, String body) {
        return proxy.send(request(method, path, body).header("Authorization", "Bearer " + key).build());
    }

    /** A management call without any key header. */
    HttpResponse<String> anonymous(String method, String path, String body) {
        return proxy.send(request(method, path, body).build());
    }

    HttpRequest.Builder request(String method, String path, String body) {
        HttpRequest.Builder b = proxy.request(BASE + path);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
    }

    HttpResponse<String> get(String path) {
        return call("GET", path, null);
    }

    /** Asserts the status and that the body is the JSON {@code expected}. */
    static void assertReply(int status, String expected, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(json(expected), json(r.body()), r.body());
    }

    static void assertOk(HttpResponse<String> r) {
        assertReply(200, "{\"status\":\"ok\"}", r);
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code timeout} passes; returns whether it held. */
    static boolean eventually(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        proxy.close();
    }
}
