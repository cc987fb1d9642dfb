package dev.cliproxy.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.CompatConfig;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import dev.cliproxy.host.testing.Sse;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The routes coding CLIs call beside the four main formats, through the real server: legacy text completions,
 * the Codex {@code /backend-api/codex/responses} alias, a single model by id, and the trace id on every answer.
 */
class CliRoutesEndToEndTest {

    private static final String KEY = "client-key-0123456789";

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer(
            CompatConfig.withKeys(KEY, List.of("up-key-a"), ""));

    private JsonNode sentBody() throws InterruptedException {
        RecordedRequest sent = proxy.upstream().takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(sent, "the upstream was called");
        assertEquals("/v1/chat/completions", sent.getUrl().encodedPath());
        return Json.parse(sent.getBody().toByteArray());
    }

    @Test
    void legacyCompletionsAreServedAsChatAndAnsweredAsTextCompletions() throws Exception {
        proxy.upstream().enqueue(ChatFixtures.ok("a poem"));

        HttpResponse<String> r = proxy.post("/v1/completions", KEY,
                "{\"model\":\"m\",\"prompt\":\"Write a poem\",\"max_tokens\":50,\"temperature\":0.2}");

        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = Json.parse(r.body().getBytes(StandardCharsets.UTF_8));
        assertEquals("text_completion", answer.path("object").asText());
        assertEquals("m", answer.path("model").asText());
        assertEquals("a poem", answer.at("/choices/0/text").asText());
        assertEquals("stop", answer.at("/choices/0/finish_reason").asText());
        assertEquals(2, answer.at("/usage/total_tokens").asInt());
        JsonNode sent = sentBody();
        assertEquals("Write a poem", sent.at("/messages/0/content").asText());
        assertEquals("user", sent.at("/messages/0/role").asText());
        assertEquals(50, sent.path("max_tokens").asInt());
        assertFalse(sent.has("prompt"));
    }

    @Test
    void legacyCompletionsStreamTextCompletionChunks() throws Exception {
        proxy.upstream().enqueue(ChatFixtures.stream("hello"));

        HttpResponse<String> r = proxy.post("/v1/completions", KEY,
                "{\"model\":\"m\",\"prompt\":[\"line one\",\"line two\"],\"stream\":true}");

        assertEquals(200, r.statusCode(), r.body());
        List<SseEvent> events = Sse.parse(r.body());
        StringBuilder text = new StringBuilder();
        for (SseEvent e : events) {
            if (e.dataEquals("[DONE]")) {
                continue;
            }
            JsonNode chunk = Json.parse(e.data());
            assertEquals("text_completion", chunk.path("object").asText(), chunk.toString());
            text.append(chunk.at("/choices/0/text").asText());
        }
        assertEquals("hello", text.toString());
        assertTrue(events.getLast().dataEquals("[DONE]"), r.body());
        assertEquals("line one\nline two", sentBody().at("/messages/0/content").asText());
    }

    @Test
    void aLegacyCompletionWithoutPromptAsksToCompleteThis() throws Exception {
        proxy.upstream().enqueue(ChatFixtures.ok("ok"));
        assertEquals(200, proxy.post("/v1/completions", KEY, "{\"model\":\"m\"}").statusCode());
        assertEquals("Complete this:", sentBody().at("/messages/0/content").asText());
    }

    @Test
    void aLegacyCompletionWithTokenIdsIsA400() {
        HttpResponse<String> r = proxy.post("/v1/completions", KEY, "{\"model\":\"m\",\"prompt\":[[1,2,3]]}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("prompt"), r.body());
    }

    @Test
    void codexBackendApiResponsesIsTheResponsesEndpoint() throws Exception {
        proxy.upstream().enqueue(ChatFixtures.ok("from codex alias"));

        HttpResponse<String> r = proxy.post("/backend-api/codex/responses", KEY,
                "{\"model\":\"m\",\"input\":\"hi\",\"stream\":false}");

        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = Json.parse(r.body().getBytes(StandardCharsets.UTF_8));
        assertEquals("response", answer.path("object").asText(), r.body());
        assertTrue(r.body().contains("from codex alias"), r.body());
        assertEquals("hi", sentBody().at("/messages/0/content").asText());
    }

    @Test
    void aSingleModelIsFoundByIdAndAnUnknownOneIs404() {
        HttpResponse<String> found = proxy.get("/v1/models/m", KEY);
        assertEquals(200, found.statusCode(), found.body());
        assertEquals("m", Json.parse(found.body().getBytes(StandardCharsets.UTF_8)).path("id").asText());
        assertEquals(404, proxy.get("/v1/models/nope", KEY).statusCode());
    }

    @Test
    void everyAnswerCarriesTheRequestIdAsTraceId() {
        proxy.upstream().enqueue(ChatFixtures.ok("fine"));
        List<HttpResponse<String>> answers = List.of(
                proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false)),
                proxy.post("/v1/chat/completions", "wrong-key-0000000000", ChatFixtures.request("m", false)),
                proxy.get("/v1/models", KEY),
                proxy.get("/healthz", null));
        for (HttpResponse<String> a : answers) {
            String id = a.headers().firstValue("X-Request-Id").orElseThrow();
            assertEquals(id, a.headers().firstValue("X-CPA-TRACE-ID").orElseThrow(), a.uri().toString());
        }
        assertEquals(401, answers.get(1).statusCode());
    }
}
