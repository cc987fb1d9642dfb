package dev.cliproxy.host.geminicli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.MutableClock;
import dev.cliproxy.host.testing.NoDelayServerSockets;
import dev.cliproxy.host.testing.TestProxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Gemini CLI accounts through the real server: a token file with two projects in {@code auth-dir}, a fake cloudcode-pa
 * backend that answers in its {@code {"response":...}} envelope and keeps a quota per (project, model). Every client
 * format works against it, streams included; a project out of quota moves the request to the next project with no
 * failed request; when every project is out, the preview model answers under the name the client asked for;
 * {@code switch-project: false} (and no preview switching) relays the 429.
 */
class GeminiCliAccountsEndToEndTest {

    private static final String KEY = "client-key-gcli-000001";
    private static final String ACCESS = "ya29.gemini-cli-access-token";

    @StartStop
    private final MockWebServer codeAssist = NoDelayServerSockets.mockWebServer();

    private final FakeCodeAssist backend = new FakeCodeAssist();
    private TestProxy proxy;

    private void start(String projects, boolean switchProject) throws Exception {
        start(projects, switchProject, true);
    }

    private void start(String projects, boolean switchProject, boolean switchPreview) throws Exception {
        codeAssist.setDispatcher(backend);
        String yaml = """
                api-keys: ["%s"]
                quota-exceeded:
                  switch-project: %s
                  switch-preview-model: %s
                oauth:
                  gemini-cli:
                    code-assist-url: %s
                """.formatted(KEY, switchProject, switchPreview, codeAssist.url("").toString());
        proxy = TestProxy.start(yaml, MutableClock.startingNow());
        Path auth = Files.createDirectories(proxy.dir().resolve("auth"));
        Files.writeString(auth.resolve("gemini-dev@example.com-all.json"), """
                {"type":"gemini","email":"dev@example.com","project_id":"%s","auto":false,"checked":true,
                 "token":{"access_token":"%s","refresh_token":"1//r","expiry":"2099-01-01T00:00:00Z"}}"""
                .formatted(projects, ACCESS));
        proxy.reload(yaml);
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @ParameterizedTest(name = "{0} stream={2}")
    @CsvSource(delimiter = '|', value = {
            "/v1/chat/completions | {\"model\":\"gemini-2.5-flash\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | false",
            "/v1/chat/completions | {\"model\":\"gemini-2.5-flash\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | true",
            "/v1/responses | {\"model\":\"gemini-2.5-flash\",\"input\":\"hi\"} | false",
            "/v1/responses | {\"model\":\"gemini-2.5-flash\",\"stream\":true,\"input\":\"hi\"} | true",
            "/v1/messages | {\"model\":\"gemini-2.5-flash\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | false",
            "/v1/messages | {\"model\":\"gemini-2.5-flash\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | true",
            "/v1beta/models/gemini-2.5-flash:generateContent | {\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]} | false",
            "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse | {\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]} | true"})
    void everyClientFormatWorksAgainstTheAccountWholeAndStreamed(String path, String body, boolean stream)
            throws Exception {
        start("proj-a", true);

        HttpResponse<String> r = proxy.post(path, KEY, body);

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("fine from proj-a"), r.body());
        assertFalse(r.body().contains("traceId"), "the envelope never reaches the client: " + r.body());
        RecordedRequest sent = backend.requests.peek();
        assertEquals("Bearer " + ACCESS, sent.getHeaders().get("Authorization"));
        assertTrue(sent.getHeaders().get("User-Agent").startsWith("GeminiCLI/"));
        assertEquals(stream ? "/v1internal:streamGenerateContent" : "/v1internal:generateContent",
                sent.getUrl().encodedPath());
        JsonNode envelope = Json.parse(sent.getBody().toByteArray());
        assertEquals("proj-a", envelope.path("project").asText());
        assertEquals("gemini-2.5-flash", envelope.path("model").asText());
        assertTrue(envelope.path("request").path("contents").isArray());
    }

    @Test
    void logsInThroughTheManagementApiWithAnExplicitProjectAndServesWithTheAccount() throws Exception {
        codeAssist.setDispatcher(backend);
        String base = codeAssist.url("").toString().replaceAll("/$", "");
        proxy = TestProxy.start("""
                api-keys: ["%s"]
                remote-management:
                  secret-key: "mgmt-key-gcli-0001"
                oauth:
                  gemini-cli:
                    authorize-url: %s/auth
                    token-url: %s/token
                    userinfo-url: %s/userinfo
                    code-assist-url: %s
                    service-usage-url: %s
                    callback-port: 0
                """.formatted(KEY, base, base, base, base, base), MutableClock.startingNow());

        HttpResponse<String> started = proxy.send(proxy.request("/v0/management/oauth/gemini-cli?project_id=proj-l")
                .header("Authorization", "Bearer mgmt-key-gcli-0001")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, started.statusCode(), started.body());
        JsonNode login = Json.parse(started.body().getBytes());
        String url = login.path("url").asText();
        assertTrue(url.startsWith(base + "/auth?") && url.contains("access_type=offline"), url);
        String state = login.path("state").asText();

        HttpResponse<String> callback = proxy.get("/google/callback?code=google-code-1&state=" + state, null);
        assertEquals(200, callback.statusCode(), callback.body());
        Path file = proxy.dir().resolve("auth").resolve("gemini-dev@example.com-proj-l.json");
        assertTrue(Files.exists(file), "token file written");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        JsonNode saved = Json.parse(Files.readAllBytes(file));
        assertEquals("proj-l", saved.path("project_id").asText());
        assertEquals(ACCESS, saved.path("token").path("access_token").asText());

        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, chat("gemini-2.5-flash", false));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("fine from proj-l"), r.body());
    }

    @Test
    void aProjectOutOfQuotaMovesTheRequestToTheNextProjectWithNoFailedRequest() throws Exception {
        backend.exhausted.add("proj-out/gemini-2.5-pro");
        start("proj-out,proj-ok", true);

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, chat("gemini-2.5-pro", i % 2 == 0));
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("fine from proj-ok"), r.body());
        }
        assertEquals(1, backend.calls("proj-out", "gemini-2.5-pro"),
                "the exhausted project was tried once, then cooled for that model");
        assertEquals(20, backend.calls("proj-ok", "gemini-2.5-pro"));
    }

    @Test
    void whenEveryProjectIsOutThePreviewModelAnswersUnderTheRequestedName() throws Exception {
        backend.exhausted.addAll(List.of("proj-a/gemini-2.5-pro", "proj-b/gemini-2.5-pro"));
        start("proj-a,proj-b", true);

        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, chat("gemini-2.5-pro", false));

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("gemini-2.5-pro", Json.parse(r.body().getBytes()).path("model").asText());
        assertTrue(r.body().contains("fine from proj-"), r.body());
        assertEquals(1, backend.calls("proj-a", "gemini-2.5-pro-preview-06-05")
                + backend.calls("proj-b", "gemini-2.5-pro-preview-06-05"));
    }

    @Test
    void withoutSwitchProjectThe429IsRelayed() throws Exception {
        backend.exhausted.add("proj-out/gemini-2.5-flash");
        start("proj-out,proj-ok", false, false);

        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, chat("gemini-2.5-flash", false));

        assertEquals(429, r.statusCode(), r.body());
        assertTrue(r.body().contains("Quota exceeded"), r.body());
        assertEquals(0, backend.calls("proj-ok", "gemini-2.5-flash"));
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    /** cloudcode-pa as the Gemini CLI sees it: enveloped requests, enveloped answers, a quota per project and model. */
    private static final class FakeCodeAssist extends Dispatcher {
        final Set<String> exhausted = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
        final Map<String, Integer> counts = new ConcurrentHashMap<>();

        int calls(String project, String model) {
            return counts.getOrDefault(project + "/" + model, 0);
        }

        @Override
        public MockResponse dispatch(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            if (!path.startsWith("/v1internal:generateContent") && !path.startsWith("/v1internal:stream")) {
                return google(path);
            }
            requests.add(r);
            JsonNode envelope = Json.parse(r.getBody().toByteArray());
            String project = envelope.path("project").asText();
            String model = envelope.path("model").asText();
            counts.merge(project + "/" + model, 1, Integer::sum);
            if (exhausted.contains(project + "/" + model)) {
                return new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json").body("""
                        {"error":{"code":429,"message":"Quota exceeded for quota metric 'Gemini requests' of %s",
                         "status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo",
                         "retryDelay":"60s"}]}}""".formatted(project)).build();
            }
            String answer = "{\"response\":{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":"
                    + "\"fine from " + project + "\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":"
                    + "{\"promptTokenCount\":3,\"candidatesTokenCount\":4,\"totalTokenCount\":7},\"modelVersion\":\""
                    + model + "\"},\"traceId\":\"t-1\"}";
            if (r.getUrl().encodedPath().endsWith(":streamGenerateContent")) {
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                        .body("data: " + answer + "\r\n\r\n").build();
            }
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(answer)
                    .build();
        }

        /** Google's OAuth, userinfo, onboarding and service-usage answers for the login. */
        private static MockResponse google(String path) {
            String body = switch (path) {
                case "/token" -> "{\"access_token\":\"" + ACCESS + "\",\"refresh_token\":\"1//r\",\"expires_in\":3599}";
                case "/userinfo" -> "{\"email\":\"dev@example.com\"}";
                case "/v1internal:loadCodeAssist" -> "{\"allowedTiers\":[{\"id\":\"free-tier\",\"isDefault\":true}]}";
                case "/v1internal:onboardUser" -> "{\"done\":true,\"response\":{\"cloudaicompanionProject\":"
                        + "{\"id\":\"proj-l\"}}}";
                default -> path.contains("/services/") ? "{\"state\":\"ENABLED\"}" : null;
            };
            return body == null ? new MockResponse.Builder().code(404).build()
                    : new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body)
                    .build();
        }
    }
}
