package dev.cliproxy.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.TestProxy;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code oauth-model-alias} and {@code oauth-excluded-models} per channel, and a token file's own
 * {@code model_aliases} and {@code excluded_models}, through the real server with OAuth accounts of
 * {@link OAuthTestProvider}; API-key credentials are left alone.
 */
class OAuthModelAliasEndToEndTest {

    private static final String KEY = "client-key-0123456789";

    @StartStop
    private final MockWebServer upstream = new MockWebServer();

    private TestProxy proxy;

    @BeforeEach
    void start() throws IOException {
        String yaml = """
                api-keys: ["%1$s"]
                oauth-model-alias:
                  oauth-test:
                    - {name: test-model-a, alias: fast}
                    - {name: test-model-b, alias: smart, fork: true}
                    - {name: test-model-b, alias: Smart}
                oauth-excluded-models:
                  oauth-test: ["*-C"]
                openai-compatibility:
                  - name: keyed
                    base-url: %2$s
                    api-key-entries:
                      - api-key: compat-key
                    models:
                      - name: test-model-a
                """.formatted(KEY, upstream.url("/v1"));
        proxy = TestProxy.start(yaml);
        Path auth = proxy.dir().resolve("auth");
        Files.createDirectories(auth);
        Files.writeString(auth.resolve("account-1.json"), """
                {"type":"oauth-test","access_token":"tok-1","base_url":"%s"}""".formatted(upstream.url("/v1")));
        Files.writeString(auth.resolve("account-2.json"), """
                {"type":"oauth-test","access_token":"tok-2","base_url":"%s",
                 "model_aliases":[{"name":"test-model-a","alias":"own"}],"excluded_models":["test-model-b"]}"""
                .formatted(upstream.url("/v1")));
        proxy.reload(yaml);
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private List<String> listed() {
        HttpResponse<String> r = proxy.get("/v1/models", KEY);
        List<String> ids = new ArrayList<>();
        assertEquals(200, r.statusCode(), r.body());
        Json.parse(r.body().getBytes(StandardCharsets.UTF_8)).path("data").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    /** Sends a chat request for {@code model}; returns the upstream key and the model the upstream got. */
    private List<String> route(String model) throws InterruptedException {
        upstream.enqueue(ChatFixtures.ok("fine"));
        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, ChatFixtures.request(model, false));
        assertEquals(200, r.statusCode(), r.body());
        RecordedRequest sent = upstream.takeRequest(5, TimeUnit.SECONDS);
        JsonNode body = Json.parse(sent.getBody().toByteArray());
        return List.of(sent.getHeaders().get("Authorization"), body.path("model").asText());
    }

    @Test
    void channelAliasesRenameForkKeepsTheOriginalAndExclusionsHide() {
        assertEquals(java.util.Set.of("fast", "smart", "test-model-b", "own", "test-model-a"),
                java.util.Set.copyOf(listed()),
                "account 1: fast, smart + forked test-model-b, test-model-c excluded; account 2: own; "
                        + "the API key keeps its test-model-a");
    }

    @Test
    void anAliasRoutesToTheUpstreamNameOnTheAccountsThatHaveIt() throws Exception {
        assertEquals(List.of("Bearer tok-1", "test-model-a"), route("fast"));
        assertEquals(List.of("Bearer tok-1", "test-model-b"), route("smart"));
        assertEquals(List.of("Bearer tok-1", "test-model-b"), route("test-model-b"));
        assertEquals(List.of("Bearer tok-2", "test-model-a"), route("own"), "the file's aliases replace the channel's");
    }

    @Test
    void anApiKeyCredentialIsNotRenamed() throws Exception {
        assertEquals(List.of("Bearer compat-key", "test-model-a"), route("test-model-a"));
        assertEquals(List.of("Bearer compat-key", "test-model-a"), route("test-model-a"));
    }

    @Test
    void excludedModelsAreNotServed() {
        assertEquals(404, proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("test-model-c", false))
                .statusCode());
    }
}
