package dev.cliproxy.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.TestProxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Client-key checks on the model API, in each route's own error format. */
class ClientAuthTest {

    private static final String KEY = "test-client-key-123456";
    private static TestProxy proxy;

    @BeforeAll
    static void start() {
        proxy = TestProxy.start("api-keys: [\"" + KEY + "\", \"second-key-abcdef\"]\n");
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    record Carrier(String name, HttpRequest request) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Carrier> carriers() {
        return Stream.of(
                new Carrier("Authorization: Bearer", proxy.request("/v1/models")
                        .header("Authorization", "Bearer " + KEY).build()),
                new Carrier("x-api-key", proxy.request("/v1/models").header("x-api-key", KEY).build()),
                new Carrier("x-goog-api-key", proxy.request("/v1beta/models").header("x-goog-api-key", KEY).build()),
                new Carrier("?key=", proxy.request("/v1beta/models?key=" + KEY).build()));
    }

    @ParameterizedTest
    @MethodSource("carriers")
    void acceptsEachKeyCarrier(Carrier carrier) {
        assertEquals(200, proxy.send(carrier.request()).statusCode());
    }

    @Test
    void rejectsMissingKeyWith401InOpenAiShape() throws Exception {
        HttpResponse<String> r = proxy.post("/v1/chat/completions", null, "{\"model\":\"m\",\"messages\":[]}");
        assertEquals(401, r.statusCode());
        JsonNode error = Json.MAPPER.readTree(r.body()).path("error");
        assertEquals("Missing API key", error.path("message").asText());
        assertEquals("authentication_error", error.path("type").asText());
    }

    @Test
    void rejectsWrongKeyWith401InOpenAiShape() throws Exception {
        HttpResponse<String> r = proxy.post("/v1/chat/completions", "wrong-key", "{\"model\":\"m\",\"messages\":[]}");
        assertEquals(401, r.statusCode());
        assertEquals("Invalid API key", Json.MAPPER.readTree(r.body()).at("/error/message").asText());
    }

    @Test
    void rejectsWrongKeyWith401InClaudeShapeOnMessages() throws Exception {
        HttpResponse<String> r = proxy.send(proxy.request("/v1/messages").header("x-api-key", "nope")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(401, r.statusCode());
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertEquals("error", body.path("type").asText());
        assertEquals("authentication_error", body.at("/error/type").asText());
    }

    @Test
    void rejectsWrongKeyWith401InGeminiShape() throws Exception {
        HttpResponse<String> r = proxy.send(proxy.request("/v1beta/models/gemini-x:generateContent?key=nope")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(401, r.statusCode());
        JsonNode error = Json.MAPPER.readTree(r.body()).path("error");
        assertEquals(401, error.path("code").asInt());
        assertEquals("UNAUTHENTICATED", error.path("status").asText());
    }

    @Test
    void answersModelListInClaudeShapeToClaudeClients() throws Exception {
        HttpResponse<String> r = proxy.send(proxy.request("/v1/models").header("x-api-key", KEY)
                .header("anthropic-version", "2023-06-01").build());
        assertEquals(200, r.statusCode());
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertTrue(body.has("has_more"), r.body());
        assertTrue(body.path("data").isArray());
    }

    @Test
    void healthAndRootNeedNoKey() {
        assertEquals(200, proxy.get("/healthz", null).statusCode());
        assertTrue(proxy.get("/", null).body().contains("CLI Proxy API Server"));
    }

    @Test
    void answersHeadOnRootAndHealthWithoutABody() {
        for (String path : new String[] {"/", "/healthz"}) {
            HttpResponse<String> r = proxy.send(proxy.request(path)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(200, r.statusCode(), path);
            assertEquals("", r.body(), path);
        }
    }

    @Test
    void refusesToServeWithTheExampleKeys() throws Exception {
        try (TestProxy unsafe = TestProxy.start("api-keys: [\"your-api-key-1\"]\n")) {
            HttpResponse<String> r = unsafe.get("/v1/models", "your-api-key-1");
            assertEquals(403, r.statusCode());
            assertTrue(Json.MAPPER.readTree(r.body()).at("/error/message").asText().contains("example"),
                    r.body());
        }
    }

    @Test
    void servesLoopbackCallersWithoutKeysWhenNoneAreConfigured() {
        try (TestProxy open = TestProxy.start("")) {
            assertEquals(200, open.get("/v1/models", null).statusCode());
        }
    }

    @Test
    void letsLoopbackInWithoutKeyWhenAllowed() {
        try (TestProxy local = TestProxy.start("api-keys: [\"k-1234567890\"]\nallow-localhost-unauthenticated: true\n")) {
            assertEquals(200, local.get("/v1/models", null).statusCode());
        }
    }

    @Test
    void answersOptionsPreflightWithoutKey() {
        HttpResponse<String> r = proxy.send(proxy.request("/v1/chat/completions")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(204, r.statusCode());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }
}
