package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api-call: an HTTP call on behalf of a credential, through the real server to fake upstreams and proxies. */
class ApiCallHandlerTest {

    private static final String SECRET = "sk-ant-apicall-secret-0123456789";
    private static final String PROXIED_SECRET = "sk-ant-proxied-secret-0123456789";
    private static final String MASKED = "sk-...6789";

    @StartStop
    private final MockWebServer upstream = new MockWebServer();
    @StartStop
    private final MockWebServer credentialProxy = new MockWebServer();
    @StartStop
    private final MockWebServer globalProxy = new MockWebServer();

    private ManagementFixture mgmt;

    @BeforeEach
    void start() {
        mgmt = ManagementFixture.start("""
                proxy-url: "http://127.0.0.1:%d"
                claude-api-key:
                  - api-key: %s
                    proxy-url: direct
                  - api-key: %s
                    proxy-url: "http://127.0.0.1:%d"
                  - api-key: sk-ant-global-proxy-0123456789
                """.formatted(globalProxy.getPort(), SECRET, PROXIED_SECRET, credentialProxy.getPort()));
    }

    @AfterEach
    void stop() {
        mgmt.close();
    }

    private String credentialId(int index) {
        for (JsonNode c : ManagementFixture.json(mgmt.get("/credentials").body()).path("credentials")) {
            if (c.path("label").asText().equals("claude-api-key[" + index + "]")) {
                return c.path("auth_index").asText();
            }
        }
        throw new AssertionError("no credential " + index);
    }

    private HttpResponse<String> apiCall(ObjectNode body) {
        return mgmt.call("POST", "/api-call", body.toString());
    }

    /** A call of {@code method} to {@code url} on behalf of {@code claude-api-key[credential]} (none when -1). */
    private ObjectNode call(int credential, String method, String url) {
        ObjectNode body = Json.object().put("method", method).put("url", url);
        if (credential >= 0) {
            body.put("auth_index", credentialId(credential));
        }
        return body;
    }

    @Test
    void fillsInTheSecretAndMasksItInTheAnswer() throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(201).addHeader("X-Echo", "Bearer " + SECRET)
                .body("{\"seen\":\"" + SECRET + "\"}").build());
        ObjectNode body = call(0, "post", upstream.url("/v1/quota").toString());
        body.putObject("header").put("Authorization", "Bearer $TOKEN$").put("Content-Type", "application/json");
        body.put("data", "{\"key\":\"$TOKEN$\"}");

        HttpResponse<String> r = apiCall(body);
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(r.body().contains(SECRET), r.body());
        JsonNode answer = ManagementFixture.json(r.body());
        assertEquals(201, answer.path("status_code").asInt());
        assertEquals("Bearer " + MASKED, answer.at("/header/x-echo/0").asText(), r.body());
        assertEquals("{\"seen\":\"" + MASKED + "\"}", answer.path("body").asText());

        RecordedRequest sent = upstream.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", sent.getMethod());
        assertEquals("/v1/quota", sent.getTarget());
        assertEquals("Bearer " + SECRET, sent.getHeaders().get("Authorization"));
        assertEquals("{\"key\":\"" + SECRET + "\"}", sent.getBody().utf8());
    }

    @Test
    void relaysAnyStatusAndEveryHeaderValue() {
        upstream.enqueue(new MockResponse.Builder().code(404).addHeader("X-Multi", "a").addHeader("X-Multi", "b")
                .body("nope").build());
        HttpResponse<String> r = apiCall(call(0, "GET", upstream.url("/missing").toString()));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = ManagementFixture.json(r.body());
        assertEquals(404, answer.path("status_code").asInt());
        assertEquals(ManagementFixture.json("[\"a\",\"b\"]"), answer.at("/header/x-multi"));
        assertEquals("nope", answer.path("body").asText());
    }

    @Test
    void goesThroughTheCredentialsProxyElseTheGlobalOne() throws Exception {
        credentialProxy.enqueue(new MockResponse.Builder().body("via credential proxy").build());
        globalProxy.enqueue(new MockResponse.Builder().body("via global proxy").build());
        upstream.enqueue(new MockResponse.Builder().body("direct").build());

        assertEquals("via credential proxy", ManagementFixture.json(apiCall(call(1, "GET",
                "http://upstream.example.test/models")).body()).path("body").asText());
        assertEquals("http://upstream.example.test/models",
                credentialProxy.takeRequest(5, TimeUnit.SECONDS).getTarget());

        assertEquals("via global proxy", ManagementFixture.json(apiCall(call(2, "GET",
                "http://upstream.example.test/usage")).body()).path("body").asText());
        assertEquals("http://upstream.example.test/usage", globalProxy.takeRequest(5, TimeUnit.SECONDS).getTarget());

        globalProxy.enqueue(new MockResponse.Builder().body("no credential: global proxy").build());
        assertEquals("no credential: global proxy", ManagementFixture.json(apiCall(call(-1, "GET",
                "http://upstream.example.test/open")).body()).path("body").asText());

        assertEquals("direct", ManagementFixture.json(apiCall(call(0, "GET", upstream.url("/d").toString())).body())
                .path("body").asText(), "proxy-url: direct bypasses the global proxy");
        assertEquals(1, credentialProxy.getRequestCount());
        assertEquals(2, globalProxy.getRequestCount());
    }

    @Test
    void refusesWhatItCannotSend() {
        String url = upstream.url("/x").toString();
        assertReply(400, "{\"error\":\"invalid url: only http and https URLs can be called\"}",
                apiCall(call(0, "GET", "file:///etc/passwd")));
        assertReply(400, "{\"error\":\"invalid url: only http and https URLs can be called\"}",
                apiCall(call(0, "GET", "ftp://upstream.example.test/x")));
        assertReply(400, "{\"error\":\"invalid url\"}", apiCall(call(0, "GET", "http:///no-host")));
        assertReply(400, "{\"error\":\"missing url\"}", apiCall(Json.object().put("method", "GET")));
        assertReply(400, "{\"error\":\"missing method\"}", apiCall(Json.object().put("url", url)));
        assertReply(400, "{\"error\":\"invalid method\"}", apiCall(call(0, "GE T", url)));
        assertReply(400, "{\"error\":\"GET requests cannot carry data\"}", apiCall(call(0, "GET", url)
                .put("data", "x")));
        ObjectNode badHeader = call(0, "GET", url);
        badHeader.putObject("header").put("X-Count", 3);
        assertReply(400, "{\"error\":\"header values must be strings\"}", apiCall(badHeader));
        ObjectNode tokenWithoutCredential = call(-1, "GET", url);
        tokenWithoutCredential.putObject("header").put("Authorization", "Bearer $TOKEN$");
        assertReply(400, "{\"error\":\"auth_index is required to fill in $TOKEN$\"}",
                apiCall(tokenWithoutCredential));
        assertReply(404, "{\"error\":\"auth not found\"}", apiCall(call(-1, "GET", url)
                .put("auth_index", "claude-nobody")));
        assertReply(400, "{\"error\":\"invalid body\"}", mgmt.call("POST", "/api-call", "not json"));
        assertEquals(0, upstream.getRequestCount(), "nothing was sent");
    }

    @Test
    void anUnreachableUpstreamIs502() {
        assertReply(502, "{\"error\":\"request failed\"}", apiCall(call(0, "GET", "http://127.0.0.1:1/")));
    }

    @Test
    void needsTheManagementKey() {
        assertEquals(401, mgmt.anonymous("POST", "/api-call", call(0, "GET", upstream.url("/").toString())
                .toString()).statusCode());
        assertEquals(0, upstream.getRequestCount());
    }
}
