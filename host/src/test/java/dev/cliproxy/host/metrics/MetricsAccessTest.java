package dev.cliproxy.host.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.cliproxy.host.testing.TestProxy;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Who may scrape {@code /metrics}, and where it is served. */
class MetricsAccessTest {

    private static final String KEY = "client-key-0123456789";

    private static HttpResponse<String> scrape(TestProxy proxy, String header, String value) {
        HttpRequest.Builder b = proxy.request("/metrics").GET();
        if (header != null) {
            b.header(header, value);
        }
        return proxy.send(b.build());
    }

    @Test
    void servesLoopbackCallersWithoutAKeyByDefault() {
        try (TestProxy proxy = TestProxy.start("api-keys: [\"" + KEY + "\"]\n")) {
            assertEquals(200, scrape(proxy, null, null).statusCode());
        }
    }

    @Test
    void asksForAClientKeyWhenAuthIsApiKey() {
        try (TestProxy proxy = TestProxy.start("api-keys: [\"" + KEY + "\"]\nmetrics:\n  auth: api-key\n")) {
            HttpResponse<String> missing = scrape(proxy, null, null);
            assertEquals(401, missing.statusCode());
            assertTrue(missing.body().contains("missing API key"), missing.body());
            assertEquals(401, scrape(proxy, "Authorization", "Bearer wrong-key").statusCode());
            assertEquals(200, scrape(proxy, "Authorization", "Bearer " + KEY).statusCode());
            assertEquals(200, scrape(proxy, "x-api-key", KEY).statusCode());
        }
    }

    @Test
    void asksForTheManagementKeyCheckedWithBcryptWhenAuthIsManagementKey() {
        String hash = BCrypt.withDefaults().hashToString(4, "mgmt-secret-value".toCharArray());
        try (TestProxy proxy = TestProxy.start("api-keys: [\"" + KEY + "\"]\nremote-management:\n  secret-key: \""
                + hash + "\"\nmetrics:\n  auth: management-key\n")) {
            assertEquals(401, scrape(proxy, null, null).statusCode());
            assertEquals(401, scrape(proxy, "Authorization", "Bearer " + KEY).statusCode(),
                    "a client key is not the management key");
            HttpResponse<String> wrong = scrape(proxy, "X-Management-Key", "not-it");
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().contains("invalid management key"));
            assertEquals(200, scrape(proxy, "X-Management-Key", "mgmt-secret-value").statusCode());
            assertEquals(200, scrape(proxy, "Authorization", "Bearer mgmt-secret-value").statusCode());
        }
    }

    @Test
    void refusesManagementKeyAuthWhenNoManagementKeyIsSet() {
        try (TestProxy proxy = TestProxy.start("metrics:\n  auth: management-key\n")) {
            HttpResponse<String> r = scrape(proxy, "X-Management-Key", "anything");
            assertEquals(403, r.statusCode());
            assertTrue(r.body().contains("secret-key is not set"), r.body());
        }
    }

    @Test
    void servesEveryoneWhenAuthIsOff() {
        try (TestProxy proxy = TestProxy.start("api-keys: [\"" + KEY + "\"]\nmetrics:\n  auth: \"off\"\n")) {
            assertEquals(200, scrape(proxy, "Authorization", "Bearer wrong").statusCode());
        }
    }

    @Test
    void servesMetricsOnItsOwnPortWhenConfigured() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (TestProxy proxy = TestProxy.start("metrics:\n  port: " + port + "\n")) {
            assertEquals(port, proxy.server().observability().metricsPort());
            assertEquals(404, scrape(proxy, null, null).statusCode(), "not on the main port any more");
            HttpResponse<String> own = proxy.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build());
            assertEquals(200, own.statusCode());
            assertTrue(own.body().contains("jvm_memory_used_bytes"));
            assertFalse(own.body().isEmpty());
        }
    }
}
