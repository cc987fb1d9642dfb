package dev.cliproxy.host.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.KeyedDispatcher;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Upstream connections: pooled and reused across requests and keys; a silent upstream times out and fails over. */
class UpstreamConnectionsTest {

    private static final String KEY = "client-key-0123456789";

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer();

    private void start(String extra) {
        proxy.start("""
                api-keys: ["%s"]
                %s
                openai-compatibility:
                  - name: fake
                    base-url: {upstream}/v1
                    api-key-entries:
                      - api-key: up-key-a-00000000001
                      - api-key: up-key-b-00000000002
                    models:
                      - name: up-model
                        alias: m
                """.formatted(KEY, extra));
    }

    @Test
    void reusesOnePooledConnectionPerUpstreamHostAcrossRequestsAndKeys() throws Exception {
        KeyedDispatcher keys = new KeyedDispatcher().on("up-key-a-00000000001", () -> ChatFixtures.ok("a"))
                .on("up-key-b-00000000002", () -> ChatFixtures.ok("b"));
        proxy.upstream().setDispatcher(keys);
        start("");

        Set<Integer> connections = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            assertEquals(200, proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false))
                    .statusCode());
            connections.add(proxy.upstream().takeRequest(5, TimeUnit.SECONDS).getConnectionIndex());
        }
        assertEquals(1, connections.size(), "8 sequential requests over both keys used one connection");
    }

    @Test
    void anUpstreamThatNeverAnswersTimesOutAndTheNextKeyServes() {
        proxy.upstream().setDispatcher(new KeyedDispatcher()
                .on("up-key-a-00000000001", () -> new MockResponse.Builder()
                        .onResponseStart(SocketEffect.Stall.INSTANCE).build())
                .on("up-key-b-00000000002", () -> ChatFixtures.ok("b")));
        start("routing: {strategy: fill-first}\ntimeouts:\n  first-byte-seconds: 1");

        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false));

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"b\""), r.body());
    }

    @Test
    void aRefusedConnectionIsTransientAndTheNextKeyServes() throws Exception {
        proxy.upstream().setDispatcher(new KeyedDispatcher().on("up-key-b-00000000002", () -> ChatFixtures.ok("b")));
        proxy.start("""
                api-keys: ["%s"]
                routing: {strategy: fill-first}
                openai-compatibility:
                  - name: dead
                    base-url: http://127.0.0.1:1/v1
                    api-key-entries: [{api-key: up-key-a-00000000001}]
                    models: [{name: up-model, alias: m}]
                  - name: alive
                    base-url: {upstream}/v1
                    api-key-entries: [{api-key: up-key-b-00000000002}]
                    models: [{name: up-model, alias: m}]
                """.formatted(KEY));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false))
                    .statusCode(), "the same alias on two providers forms one pool");
        }
        RecordedRequest served = proxy.upstream().takeRequest(5, TimeUnit.SECONDS);
        assertEquals("up-model", dev.cliproxy.formats.Json.MAPPER.readTree(served.getBody().utf8())
                .path("model").asText());
    }
}
