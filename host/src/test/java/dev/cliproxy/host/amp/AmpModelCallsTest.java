package dev.cliproxy.host.amp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.NoDelayServerSockets;
import dev.cliproxy.host.testing.ProxyWithUpstream;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Amp's model calls on {@code /api/provider/...}, through the real server: served, mapped and force-mapped models
 * are answered by the local provider (an OpenAI-compatible fake, translated for the other formats) under the name
 * Amp asked for; unknown models reach the fake ampcode unchanged. Every wire format, whole and streamed.
 */
class AmpModelCallsTest {

    private static final String KEY = "amp-client-key-0123456789";

    /** The local provider (an OpenAI-compatible fake) and the proxy. */
    @RegisterExtension
    static final ProxyWithUpstream LOCAL = ProxyWithUpstream.withMockWebServer().dispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest r) {
            return r.getBody().utf8().contains("\"stream\":true") ? ChatFixtures.stream("local answer")
                    : ChatFixtures.ok("local answer");
        }
    });
    private static final MockWebServer AMP = NoDelayServerSockets.mockWebServer();

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
    static void start() throws Exception {
        AMP.setDispatcher(new FakeAmpcode());
        AMP.start();
        LOCAL.start(config(true, "local-model"));
    }

    private static String config(boolean force, String mappedTarget) {
        return """
                api-keys: ["%s"]
                openai-compatibility:
                  - name: local
                    base-url: {upstream}/v1
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
                """.formatted(KEY, AMP.url("/").toString().replaceAll("/$", ""), force, mappedTarget);
    }

    @AfterAll
    static void stop() {
        AMP.close();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void answersLocallyOrForwardsToAmp(Case c) throws Exception {
        int ampBefore = AMP.getRequestCount();
        int localBefore = LOCAL.upstream().getRequestCount();
        String model = c.kind().requested();
        String body = c.format().body(model, c.stream());

        HttpResponse<String> r = LOCAL.post(c.format().path(model, c.stream()), KEY, body);

        assertEquals(200, r.statusCode(), r.body());
        if (c.kind().localUpstreamModel() == null) {
            assertEquals(localBefore, LOCAL.upstream().getRequestCount(), "the local provider is not asked");
            assertTrue(r.body().contains("\"answered_by\":\"ampcode\""), r.body());
            RecordedRequest sent = FakeAmpcode.next(AMP);
            assertEquals(c.format().path(model, c.stream()), FakeAmpcode.target(sent));
            assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), sent.getBody().toByteArray(),
                    "the original request goes to Amp");
            return;
        }
        assertEquals(ampBefore, AMP.getRequestCount(), "nothing reaches Amp");
        assertEquals(c.kind().localUpstreamModel(), upstreamModel());
        assertTrue(r.body().contains("local answer"), r.body());
        assertTrue(r.body().contains(model), "the answer names the model Amp asked for: " + r.body());
        assertFalse(r.body().contains("up-model"), r.body());
        if (!model.equals("local-model")) {
            assertFalse(r.body().contains("local-model"), "a mapping's target stays hidden: " + r.body());
        }
    }

    @Test
    void aReloadedMappingDecidesTheNextRequest() throws Exception {
        try {
            LOCAL.reload(config(false, "served-too"));
            assertEquals(200, LOCAL.post(Format.OPENAI_CHAT.path("served-too", false), KEY,
                    ChatFixtures.request("served-too", false)).statusCode());
            assertEquals("up-model-2", upstreamModel(), "without force a served model is itself");
            assertEquals(200, LOCAL.post(Format.OPENAI_CHAT.path("mapped-model", false), KEY,
                    ChatFixtures.request("mapped-model", false)).statusCode());
            assertEquals("up-model-2", upstreamModel(), "the mapping's new target serves it");

            LOCAL.reload(config(true, "served-too"));
            assertEquals(200, LOCAL.post(Format.OPENAI_CHAT.path("served-too", false), KEY,
                    ChatFixtures.request("served-too", false)).statusCode());
            assertEquals("up-model", upstreamModel(), "with force the mapping wins");
        } finally {
            LOCAL.reload(config(true, "local-model"));
        }
    }

    private String upstreamModel() throws Exception {
        RecordedRequest sent = LOCAL.upstream().takeRequest(5, TimeUnit.SECONDS);
        return Json.MAPPER.readTree(sent.getBody().utf8()).path("model").asText();
    }

    @Test
    void listsTheLocalModelsInTheShapeTheProviderSegmentAsksFor() throws Exception {
        assertTrue(Json.MAPPER.readTree(LOCAL.get("/api/provider/openai/v1/models", KEY).body()).path("data")
                .toString().contains("\"local-model\""));
        assertTrue(LOCAL.get("/api/provider/anthropic/v1/models", KEY).body().contains("\"has_more\""));
        assertTrue(Json.MAPPER.readTree(LOCAL.get("/api/provider/google/v1beta/models", KEY).body())
                .path("models").toString().contains("models/local-model"));
        assertEquals(401, LOCAL.get("/api/provider/openai/v1/models", "wrong-key").statusCode());
    }

    @Test
    void legacyCompletionsAlwaysGoToAmp() throws Exception {
        HttpResponse<String> r = LOCAL.post("/api/provider/openai/v1/completions", KEY,
                "{\"model\":\"local-model\",\"prompt\":\"hi\"}");

        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("ampcode"), r.body());
        assertEquals("/api/provider/openai/v1/completions", FakeAmpcode.next(AMP).getUrl().encodedPath());
    }
}
