package dev.cliproxy.plugin.openaicompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamFailure;
import dev.cliproxy.api.testing.PluginExchange;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class OpenAiCompatUpstreamCallsTest {

    private static final byte[] BODY = "{\"model\":\"kimi\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final OpenAiCompatProvider provider = new OpenAiCompatProvider();

    private Credential credential(String key, Map<String, String> headers) {
        return Credential.builder("c", OpenAiCompatProvider.ID).secret(key).baseUrl(server.url("/v1").toString())
                .headers(headers).build();
    }

    @Test
    void postsChatCompletionsWithBearerAndTheEntrysHeaders() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"chatcmpl-1\"}").build());

        PluginExchange.Result r = PluginExchange.send(provider, UpstreamCall.builder(
                        credential("sk-compat-000001", Map.of("X-Title", "cliproxy", "X-Session", "$x-session")),
                        "kimi", BODY)
                .clientHeaders(Map.of("x-session", "s-1")).build());

        RecordedRequest sent = server.takeRequest();
        assertEquals("/v1/chat/completions", sent.getUrl().encodedPath());
        assertEquals("Bearer sk-compat-000001", sent.getHeaders().get("Authorization"));
        assertEquals("cliproxy", sent.getHeaders().get("X-Title"));
        assertEquals("s-1", sent.getHeaders().get("X-Session"));
        assertEquals(new String(BODY, StandardCharsets.UTF_8), sent.getBody().utf8(), "whole calls pass unchanged");
        assertEquals("{\"id\":\"chatcmpl-1\"}", r.bodyText());
    }

    @Test
    void anEntryWithoutKeySendsNoAuthorization() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        PluginExchange.send(provider, UpstreamCall.builder(credential("", Map.of()), "kimi", BODY).build());

        assertNull(server.takeRequest().getHeaders().get("Authorization"));
    }

    @Test
    void streamsAskForTheFinalUsageChunk() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body("data: [DONE]\n\n").build());

        PluginExchange.Result r = PluginExchange.send(provider,
                UpstreamCall.builder(credential("k", Map.of()), "kimi", BODY).stream(true).build());

        RecordedRequest sent = server.takeRequest();
        assertEquals("text/event-stream", sent.getHeaders().get("Accept"));
        assertTrue(Json.parse(sent.getBody().toByteArray()).path("stream_options").path("include_usage").asBoolean());
        assertTrue(r.request().streaming());
    }

    @Test
    void failuresFollowTheStatusRule() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
                .body("{\"error\":{\"message\":\"slow down\"}}").build());
        server.enqueue(new MockResponse.Builder().code(400).body("{\"error\":{\"message\":\"bad\"}}").build());

        UpstreamFailure quota = PluginExchange.send(provider,
                UpstreamCall.builder(credential("k", Map.of()), "kimi", BODY).build()).failure();
        UpstreamFailure bad = PluginExchange.send(provider,
                UpstreamCall.builder(credential("k", Map.of()), "kimi", BODY).build()).failure();

        assertEquals(FailureKind.QUOTA, quota.kind());
        assertEquals(Duration.ofSeconds(7), quota.retryAfter());
        assertEquals(FailureKind.CLIENT, bad.kind());
        assertEquals(400, bad.status());
    }
}
