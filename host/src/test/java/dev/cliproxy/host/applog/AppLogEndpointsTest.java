package dev.cliproxy.host.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.metrics.Await;
import dev.cliproxy.host.testing.TestProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@code GET/DELETE /v0/management/logs} on a real server whose log goes to files. */
class AppLogEndpointsTest {

    private static final String KEY = "mgmt-key-0123456789";

    private static TestProxy start(String yaml) {
        return TestProxy.start("remote-management:\n  secret-key: \"" + KEY + "\"\n" + yaml);
    }

    private static HttpResponse<String> call(TestProxy proxy, String method, String path, String body) {
        return proxy.send(proxy.request("/v0/management" + path).header("Authorization", "Bearer " + KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(r.body(), e);
        }
    }

    /** Lines are written by a background thread: polls {@code GET path} until its lines hold {@code text}. */
    private static JsonNode awaitLines(TestProxy proxy, String path, String text) {
        return Await.until(() -> json(call(proxy, "GET", path, null)), page -> page.path("lines").toString()
                .contains(text));
    }

    @Test
    void readsTheApplicationLogAndFollowsItWithTheCursor() {
        try (TestProxy proxy = start("logging-to-file: true\n")) {
            JsonNode page = awaitLines(proxy, "/logs", "CLI Proxy API listening on");
            assertTrue(page.path("lines").toString().contains("CLI Proxy API listening on"), page.toString());
            assertTrue(page.path("line-count").asLong() >= page.path("lines").size(), page.toString());
            assertTrue(page.path("latest-timestamp").asLong() > 0, page.toString());
            assertTrue(Files.isRegularFile(proxy.dir().resolve("logs/main.log")), "beside the config, in logs/");

            String cursor = URLEncoder.encode(page.path("next-cursor").asText(), StandardCharsets.UTF_8);
            JsonNode next = awaitLines(proxy, "/logs?cursor=" + cursor, "Management GET /v0/management/logs");
            assertTrue(next.path("lines").toString().contains("Management GET"), next.toString());
            assertFalse(next.path("lines").toString().contains("CLI Proxy API listening on"),
                    "only what was written since: " + next);
            assertFalse(next.has("cursor-reset"));
        }
    }

    @Test
    void deleteEmptiesTheActiveFile() {
        try (TestProxy proxy = start("logging-to-file: true\n")) {
            awaitLines(proxy, "/logs", "CLI Proxy API listening on");

            HttpResponse<String> deleted = call(proxy, "DELETE", "/logs", null);
            assertEquals(200, deleted.statusCode(), deleted.body());
            assertEquals(json("{\"success\":true,\"message\":\"Logs cleared successfully\",\"removed\":0}"),
                    json(deleted));
            assertFalse(call(proxy, "GET", "/logs", null).body().contains("CLI Proxy API listening on"));
        }
    }

    @Test
    void aLimitThatIsNotAPositiveNumberIs400() {
        try (TestProxy proxy = start("logging-to-file: true\n")) {
            HttpResponse<String> words = call(proxy, "GET", "/logs?limit=many", null);
            assertEquals(400, words.statusCode());
            assertEquals("invalid limit: must be a positive integer", json(words).path("error").asText());
            assertEquals(400, call(proxy, "GET", "/logs?limit=0", null).statusCode());
            assertEquals(200, call(proxy, "GET", "/logs?limit=3", null).statusCode());
        }
    }

    @Test
    void bothAre400WhileLoggingToFileIsOffAndWorkOnceItIsSwitchedOn() {
        try (TestProxy proxy = start("")) {
            for (String method : new String[] {"GET", "DELETE"}) {
                HttpResponse<String> r = call(proxy, method, "/logs", null);
                assertEquals(400, r.statusCode(), method);
                assertEquals("{\"error\":\"logging to file disabled\"}", r.body());
            }

            assertEquals(200, call(proxy, "PUT", "/logging-to-file", "{\"value\":true}").statusCode());
            JsonNode page = awaitLines(proxy, "/logs", "Management PUT /v0/management/logging-to-file");
            assertTrue(page.path("lines").toString().contains("logging-to-file"), page.toString());
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
