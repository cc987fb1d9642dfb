package dev.cliproxy.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import java.net.http.HttpResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v1/responses/compact} and the Codex CLI's {@code /backend-api/codex/responses/compact}: the client's
 * Responses body goes to the provider's {@code /responses/compact} with the upstream model, and the whole answer comes
 * back as the upstream gave it; a provider that cannot compact answers 501 in the Responses error shape.
 */
class CompactionRoutesTest {

    private static final String KEY = "client-key-compact-0001";
    private static final String COMPACTED = "{\"id\":\"cmp_1\",\"object\":\"response.compaction\",\"output\":"
            + "[{\"type\":\"compaction\",\"encrypted_content\":\"opaque\"}],\"usage\":{\"input_tokens\":9}}";

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer("""
            api-keys: ["%s"]
            codex-api-key:
              - api-key: sk-codex-compact-000001
                base-url: {upstream}/codex
                models:
                  - name: gpt-5.5
                    alias: coder
            claude-api-key:
              - api-key: sk-ant-compact-000001
                base-url: {upstream}/anthropic
                models:
                  - name: claude-sonnet-5
                    alias: sonnet
            """.formatted(KEY));

    @Test
    void passesTheResponsesBodyToTheProvidersCompactEndpointAndRelaysTheAnswer() throws Exception {
        for (String path : new String[] {"/v1/responses/compact", "/backend-api/codex/responses/compact"}) {
            proxy.upstream().enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(COMPACTED).build());

            HttpResponse<String> r = proxy.post(path, KEY,
                    "{\"model\":\"coder\",\"input\":[{\"role\":\"user\",\"content\":\"long talk\"}],\"store\":false}");

            assertEquals(200, r.statusCode(), r.body());
            assertEquals(Json.parse(COMPACTED.getBytes()), Json.parse(r.body().getBytes()), "relayed as it is");
            RecordedRequest sent = proxy.upstream().takeRequest();
            assertEquals("/codex/responses/compact", sent.getUrl().encodedPath());
            assertEquals("Bearer sk-codex-compact-000001", sent.getHeaders().get("Authorization"));
            JsonNode body = Json.parse(sent.getBody().toByteArray());
            assertEquals("gpt-5.5", body.path("model").asText(), "the upstream model");
            assertEquals("long talk", body.path("input").get(0).path("content").asText());
        }
    }

    @Test
    void aProviderThatCannotCompactAnswers501InTheResponsesShape() {
        HttpResponse<String> r = proxy.post("/v1/responses/compact", KEY, "{\"model\":\"sonnet\",\"input\":\"hi\"}");

        assertEquals(501, r.statusCode(), r.body());
        JsonNode error = Json.parse(r.body().getBytes()).path("error");
        assertTrue(error.path("message").asText().contains("cannot compact"), r.body());
        assertEquals(0, proxy.upstream().getRequestCount(), "nothing was sent upstream");
    }
}
