package dev.cliproxy.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code oauth-model-alias} and {@code oauth-excluded-models} per channel, and a token file's own
 * {@code model_aliases} and {@code excluded_models}, through the real server with OAuth accounts of
 * {@link OAuthTestProvider}; API-key credentials are left alone.
 */
class OAuthModelAliasEndToEndTest {

    private static final String KEY = "client-key-0123456789";

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer();

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
                    base-url: {upstream}/v1
                    api-key-entries:
                      - api-key: compat-key
                    models:
                      - name: test-model-a
                """.formatted(KEY);
        proxy.start(yaml);
        String base = proxy.upstream().url("/v1").toString();
        Path auth = proxy.dir().resolve("auth");
        Files.createDirectories(auth);
        Files.writeString(auth.resolve("account-1.json"), """
                {"type":"oauth-test","access_token":"tok-1","base_url":"%s"}""".formatted(base));
        Files.writeString(auth.resolve("account-2.json"), """
                {"type":"oauth-test","access_token":"tok-2","base_url":"%s",
                 "model_aliases":[{"name":"test-model-a","alias":"own"}],"excluded_models":["test-model-b"]}"""
                .formatted(base));
        proxy.reload(yaml);
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
        proxy.upstream().enqueue(ChatFixtures.ok("fine"));
        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, ChatFixtures.request(model, false));
        assertEquals(200, r.statusCode(), r.body());
        RecordedRequest sent = proxy.upstream().takeRequest(5, TimeUnit.SECONDS);
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
