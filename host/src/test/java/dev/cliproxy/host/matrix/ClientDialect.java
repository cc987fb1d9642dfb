package dev.cliproxy.host.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.TestProxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * One client wire format as its official SDKs speak it: builds the matrix requests and reads answers back, failing
 * on anything those SDKs would choke on (a wrong event order, a missing terminal event, an empty data frame).
 */
interface ClientDialect {

    /** The request for a scenario, carrying {@code marker} in its first user text. */
    HttpRequest request(TestProxy proxy, String key, String model, Scenario scenario, boolean stream, String marker);

    /** A whole or streamed answer, checked against the format's rules. */
    ClientAnswer read(HttpResponse<String> response, boolean stream);

    /** The message of an error body in this format, checking its shape. */
    String errorMessage(String body);

    /** Whether {@code body} is this format's stream error event payload (for a started stream). */
    boolean isStreamError(String eventName, JsonNode data);

    /** A JSON POST to {@code path} over HTTP/1.1, as the SDKs send it. */
    static HttpRequest.Builder post(TestProxy proxy, String path, String body) {
        return proxy.request(path).version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** Fails when a stream body holds a {@code data:} line with nothing in it (SDKs crash on those). */
    static void assertNoEmptyDataFrames(String body) {
        for (String line : body.split("\r?\n")) {
            if (line.startsWith("data:") && line.substring(5).isBlank()) {
                fail("empty data frame in stream:\n" + body);
            }
        }
    }

    /** Asserts an SSE answer's status and content type. */
    static void assertSse(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                "content type " + r.headers().firstValue("Content-Type"));
        assertNoEmptyDataFrames(r.body());
    }

    /** Parses a JSON answer body, asserting status 200. */
    static JsonNode jsonOk(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "content type " + r.headers().firstValue("Content-Type"));
        return Json.parse(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Parses an event's JSON data. */
    static JsonNode data(dev.cliproxy.formats.sse.SseEvent e) {
        return Json.parse(e.data());
    }

    /** A JSON string literal. */
    static String quote(String s) {
        return Json.MAPPER.getNodeFactory().textNode(s).toString();
    }

    /** The tool's JSON schema. */
    String PARAMETERS = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";
    /** The tool's description. */
    String DESCRIPTION = "Current weather for a city";
}
