package dev.cliproxy.host.requestlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.metrics.Await;
import dev.cliproxy.host.metrics.CompatUpstream;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import dev.cliproxy.host.testing.TestProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The management endpoints that list and download request log files, on a real server. */
class RequestLogEndpointsTest {

    private static final String KEY = "mgmt-key-0123456789";

    @RegisterExtension
    final ProxyWithUpstream fixture = ProxyWithUpstream.withMockWebServer();

    private TestProxy start(String yaml) {
        return fixture.start(CompatUpstream.config(1, "remote-management:\n  secret-key: \"" + KEY + "\"\n" + yaml));
    }

    private static HttpResponse<String> get(TestProxy proxy, String path) {
        return proxy.send(proxy.request("/v0/management" + path).header("Authorization", "Bearer " + KEY).GET()
                .build());
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(r.body(), e);
        }
    }

    /** Sends a chat request the upstream fails; returns its request id. */
    private String failedRequest(TestProxy proxy) {
        fixture.upstream().enqueue(CompatUpstream.json(400, "{\"error\":{\"message\":\"bad request\"}}"));
        HttpResponse<String> r = proxy.send(proxy.request("/v1/chat/completions")
                .header("Authorization", "Bearer " + CompatUpstream.KEY).header("X-Request-Id", "req-0123456789")
                .POST(HttpRequest.BodyPublishers.ofString(CompatUpstream.CHAT)).build());
        assertEquals(400, r.statusCode());
        return r.headers().firstValue("X-Request-Id").orElseThrow();
    }

    @Test
    void listsAndDownloadsTheErrorFilesOfFailedRequests() {
        TestProxy proxy = start("");
        String id = failedRequest(proxy);
        JsonNode files = Await.until(() -> json(get(proxy, "/request-error-logs")).path("files"),
                list -> list.size() == 1);
        assertEquals(1, files.size(), files.toString());
        String name = files.get(0).path("name").asText();
        assertTrue(name.startsWith("error-v1-chat-completions-") && name.endsWith("-" + id + ".log"), name);
        assertTrue(files.get(0).path("size").asLong() > 0);
        assertTrue(files.get(0).path("modified").asLong() > 1_700_000_000L, "Unix seconds");

        HttpResponse<String> file = get(proxy, "/request-error-logs/" + name);
        assertEquals(200, file.statusCode());
        assertEquals("attachment; filename=\"" + name + "\"",
                file.headers().firstValue("Content-Disposition").orElseThrow());
        assertTrue(file.body().startsWith("=== REQUEST INFO ==="), file.body());

        HttpResponse<String> byId = get(proxy, "/request-log-by-id/" + id);
        assertEquals(200, byId.statusCode());
        assertEquals(file.body(), byId.body());
    }

    @Test
    void refusesNamesAndIdsThatAreNotLogFilesOfTheFolder() {
        TestProxy proxy = start("");
        failedRequest(proxy);
        Await.until(() -> json(get(proxy, "/request-error-logs")).path("files"), list -> list.size() == 1);

        assertError(400, "invalid log file name", get(proxy, "/request-error-logs/%20"));
        assertError(404, "log file not found", get(proxy, "/request-error-logs/config.yaml"));
        assertError(404, "log file not found", get(proxy, "/request-error-logs/error-none.log"));
        assertError(404, "log file not found", get(proxy, "/request-error-logs/..%2F..%2Fconfig.yaml"));
        assertError(400, "missing request ID", get(proxy, "/request-log-by-id/%20"));
        assertError(404, "log file not found for the given request ID",
                get(proxy, "/request-log-by-id/..%2F..%2Fconfig.yaml"));
        assertError(404, "log file not found for the given request ID",
                get(proxy, "/request-log-by-id/no-such-request"));
    }

    @Test
    void listsNothingWhileEveryRequestIsLogged() {
        TestProxy proxy = start("request-log: true\n");
        String id = failedRequest(proxy);
        assertEquals(200, Await.until(() -> get(proxy, "/request-log-by-id/" + id).statusCode(),
                status -> status == 200));
        assertEquals("{\"files\":[]}", get(proxy, "/request-error-logs").body());
    }

    @Test
    void aMissingFolderIsAnEmptyListAndNoFile() {
        TestProxy proxy = start("");
        assertEquals("{\"files\":[]}", get(proxy, "/request-error-logs").body());
        assertError(404, "log directory not found", get(proxy, "/request-log-by-id/abc"));
    }

    private static void assertError(int status, String message, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(message, json(r).path("error").asText(), r.body());
    }
}
