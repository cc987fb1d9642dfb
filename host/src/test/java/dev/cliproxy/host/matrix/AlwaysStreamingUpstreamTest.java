package dev.cliproxy.host.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client of the upstream's own format that does not stream, against an upstream that only streams (Codex):
 * the request still passes through untranslated (only the stream flag changes), so fields the canonical model does
 * not know (built-in tools, verbosity, cache keys) reach the upstream; the answer is assembled from the stream.
 */
class AlwaysStreamingUpstreamTest {

    @RegisterExtension
    static final MatrixFixture fixture = new MatrixFixture();

    @Test
    void nonStreamingResponsesClientIsPassedThroughToCodexAsAStream() {
        String marker = MatrixFixture.marker();
        String body = "{\"model\":\"" + UpstreamKind.CODEX.model + "\",\"input\":\"Say hello " + marker + "\","
                + "\"tools\":[{\"type\":\"web_search\"}],\"text\":{\"verbosity\":\"low\"},"
                + "\"prompt_cache_key\":\"session-42\",\"reasoning\":{\"effort\":\"low\",\"summary\":\"detailed\"}}";

        HttpResponse<String> r = fixture.proxy().send(ClientDialect.post(fixture.proxy(), "/v1/responses", body)
                .header("Authorization", "Bearer " + MatrixFixture.CLIENT_KEY).build());

        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = Json.parse(r.body().getBytes());
        assertEquals("completed", answer.path("status").asText(), r.body());
        assertTrue(r.body().contains("Hello from codex!"), r.body());
        JsonNode sent = fixture.fake.receivedJson(marker);
        assertTrue(sent.path("stream").asBoolean(), "the upstream is asked to stream: " + sent);
        assertEquals("web_search", sent.at("/tools/0/type").asText(), sent.toString());
        assertEquals("low", sent.at("/text/verbosity").asText());
        assertEquals("session-42", sent.path("prompt_cache_key").asText());
        assertEquals("detailed", sent.at("/reasoning/summary").asText());
    }
}
