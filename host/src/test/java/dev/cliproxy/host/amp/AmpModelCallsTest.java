package dev.cliproxy.host.amp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.TestProxy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Amp's model calls on {@code /api/provider/...}, through the real server: served, mapped and force-mapped models
 * are answered by the local provider (an OpenAI-compatible fake, translated for the other formats) under the name
 * Amp asked for; unknown models reach the fake ampcode unchanged. Every wire format, whole and streamed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmpModelCallsTest {

    private static final String KEY = "amp-client-key-0123456789";

    private final MockWebServer local = new MockWebServer();
    private final FakeAmpcode amp = new FakeAmpcode();
    private TestProxy proxy;

    /** One client format: the path and body of a model call. */
    enum Format {
        OPENAI_CHAT {
            String path(String model, boolean stream) {
                return "/api/provider/openai/v1/chat/completions";
            }

            String body(String model, boolean stream) {
                return ChatFixtures.request(model, stream);
            }
        },
        OPENAI_RESPONSES {
            String path(String model, boolean stream) {
                return "/api/provider/openai/v1/responses";
            }

            String body(String model, boolean stream) {
                return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"input\":\"hi\"}";
            }
        },
        CLAUDE_MESSAGES {
            String path(String model, boolean stream) {
                return "/api/provider/anthropic/v1/messages";
            }

            String body(String model, boolean stream) {
                return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            }
        },
        GEMINI {
            String path(String model, boolean stream) {
                return "/api/provider/google/v1beta/models/" + model
                        + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
            }

            String body(String model, boolean stream) {
                return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
            }
        };

        abstract String path(String model, boolean stream);

        abstract String body(String model, boolean stream);
    }

    /**
     * A model Amp asks for, and the upstream model the local provider must receive ({@code null}: Amp answers).
     */
    record Kind(String name, String requested, String localUpstreamModel) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("served", "local-model", "up-model"),
            new Kind("mapped", "MAPPED-Model", "up-model"),
            new Kind("force-mapped", "served-too", "up-model"),
            new Kind("unknown", "unknown-model", null));

    record Case(Format format, Kind kind, boolean stream) {
        @Override
        public String toString() {
            return kind.name() + " " + format + (stream ? " streamed" : " whole");
        }
    }

    static Stream<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Format f : Format.values()) {
            for (Kind k : KINDS) {
                out.add(new Case(f, k, false));
                out.add(new Case(f, k, true));
            }
        }
        return out.stream();
    }

    @BeforeAll
    void start() throws Exception {
        local.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return r.getBody().utf8().contains("\"stream\":true") ? ChatFixtures.stream("local answer")
                        : ChatFixtures.ok("local answer");
            }
        });
        local.start();
        proxy = TestProxy.start(config(true, "local-model"));
    }

    private String config(boolean force, String mappedTarget) {
        return """
                api-keys: ["%s"]
                openai-compatibility:
                  - name: local
                    base-url: %s
                    api-key-entries:
                      - api-key: local-upstream-key
                    models:
                      - name: up-model
                        alias: local-model
                      - name: up-model-2
                        alias: served-too
                ampcode:
                  upstream-url: %s
                  upstream-api-key: amp-default-key
                  force-model-mappings: %s
                  model-mappings:
                    - from: mapped-model
                      to: %s
                    - from: "^served-t.o$"
                      regex: true
                      to: local-model
                """.formatted(KEY, local.url("/v1"), amp.url(), force, mappedTarget);
    }

    @AfterAll
    void stop() {
        proxy.close();
        local.close();
        amp.close();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void answersLocallyOrForwardsToAmp(Case c) throws Exception {
        int ampBefore = amp.received();
        int localBefore = local.getRequestCount();
        String model = c.kind().requested();
        String body = c.format().body(model, c.stream());

        HttpResponse<String> r = proxy.post(c.format().path(model, c.stream()), KEY, body);

        assertEquals(200, r.statusCode(), r.body());
        if (c.kind().localUpstreamModel() == null) {
            assertEquals(localBefore, local.getRequestCount(), "the local provider is not asked");
            assertTrue(r.body().contains("\"answered_by\":\"ampcode\""), r.body());
            RecordedRequest sent = amp.take();
            assertEquals(c.format().path(model, c.stream()), sent.getUrl().encodedPath()
                    + (sent.getUrl().encodedQuery() == null ? "" : "?" + sent.getUrl().encodedQuery()));
            assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), sent.getBody().toByteArray(),
                    "the original request goes to Amp");
            return;
        }
        assertEquals(ampBefore, amp.received(), "nothing reaches Amp");
        RecordedRequest sent = local.takeRequest(5, TimeUnit.SECONDS);
        assertEquals(c.kind().localUpstreamModel(), Json.MAPPER.readTree(sent.getBody().utf8()).path("model")
                .asText());
        assertTrue(r.body().contains("local answer"), r.body());
        assertTrue(r.body().contains(model), "the answer names the model Amp asked for: " + r.body());
        assertFalse(r.body().contains("up-model"), r.body());
        assertFalse(c.kind().name().equals("mapped") && r.body().contains("local-model"), r.body());
    }

    @Test
    void aReloadedMappingDecidesTheNextRequest() throws Exception {
        try {
            proxy.reload(config(false, "served-too"));
            assertEquals(200, proxy.post(Format.OPENAI_CHAT.path("served-too", false), KEY,
                    ChatFixtures.request("served-too", false)).statusCode());
            assertEquals("up-model-2", upstreamModel(), "without force a served model is itself");
            assertEquals(200, proxy.post(Format.OPENAI_CHAT.path("mapped-model", false), KEY,
                    ChatFixtures.request("mapped-model", false)).statusCode());
            assertEquals("up-model-2", upstreamModel(), "the mapping's new target serves it");

            proxy.reload(config(true, "served-too"));
            assertEquals(200, proxy.post(Format.OPENAI_CHAT.path("served-too", false), KEY,
                    ChatFixtures.request("served-too", false)).statusCode());
            assertEquals("up-model", upstreamModel(), "with force the mapping wins");
        } finally {
            proxy.reload(config(true, "local-model"));
        }
    }

    private String upstreamModel() throws Exception {
        return Json.MAPPER.readTree(local.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).path("model").asText();
    }

    @Test
    void listsTheLocalModelsInTheShapeTheProviderSegmentAsksFor() throws Exception {
        assertTrue(Json.MAPPER.readTree(proxy.get("/api/provider/openai/v1/models", KEY).body()).path("data")
                .toString().contains("\"local-model\""));
        assertTrue(proxy.get("/api/provider/anthropic/v1/models", KEY).body().contains("\"has_more\""));
        assertTrue(Json.MAPPER.readTree(proxy.get("/api/provider/google/v1beta/models", KEY).body())
                .path("models").toString().contains("models/local-model"));
        assertEquals(401, proxy.get("/api/provider/openai/v1/models", "wrong-key").statusCode());
    }

    @Test
    void legacyCompletionsAlwaysGoToAmp() throws Exception {
        HttpResponse<String> r = proxy.post("/api/provider/openai/v1/completions", KEY,
                "{\"model\":\"local-model\",\"prompt\":\"hi\"}");

        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("ampcode"), r.body());
        assertEquals("/api/provider/openai/v1/completions", amp.take().getUrl().encodedPath());
    }
}
