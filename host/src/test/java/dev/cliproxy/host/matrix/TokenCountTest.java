package dev.cliproxy.host.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Token counting: forwarded to upstreams that can count (Claude {@code count_tokens}, Gemini {@code countTokens})
 * in the shape each accepts, answered in the client's format; estimated when the upstream cannot count.
 */
class TokenCountTest {

    @RegisterExtension
    static final MatrixFixture fixture = new MatrixFixture();

    private static String claudeCount(String model, String marker) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":512,\"temperature\":0.3,\"system\":\"You are terse.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Count me " + marker + "\"}]}";
    }

    private static String geminiCount(String marker) {
        return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Count me " + marker + "\"}]}]}";
    }

    private static HttpResponse<String> claudeClient(String body) {
        return fixture.proxy().send(fixture.proxy().request("/v1/messages/count_tokens")
                .version(HttpClient.Version.HTTP_1_1).header("x-api-key", MatrixFixture.CLIENT_KEY)
                .header("anthropic-version", "2023-06-01").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> geminiClient(String model, String body) {
        return fixture.proxy().send(fixture.proxy().request("/v1beta/models/" + model + ":countTokens")
                .version(HttpClient.Version.HTTP_1_1).header("x-goog-api-key", MatrixFixture.CLIENT_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return Json.parse(r.body().getBytes());
    }

    @Test
    void claudeClientCountIsForwardedToClaudeWithoutTheFieldsCountTokensRejects() {
        String marker = MatrixFixture.marker();

        JsonNode answer = ok(claudeClient(claudeCount(UpstreamKind.CLAUDE.model, marker)));

        assertEquals(42, answer.path("input_tokens").asInt());
        assertEquals("/claude/v1/messages/count_tokens", fixture.fake.received(marker).getUrl().encodedPath());
        JsonNode sent = fixture.fake.receivedJson(marker);
        assertFalse(sent.has("max_tokens") || sent.has("stream") || sent.has("temperature"), sent.toString());
        assertEquals("You are terse.", sent.path("system").asText());
    }

    @Test
    void claudeClientCountOfAGeminiModelUsesCountTokensWithTheWholeRequest() {
        String marker = MatrixFixture.marker();

        JsonNode answer = ok(claudeClient(claudeCount(UpstreamKind.GEMINI.model, marker)));

        assertEquals(42, answer.path("input_tokens").asInt(), answer.toString());
        assertEquals("/gemini/v1beta/models/gemini-2.5-flash:countTokens",
                fixture.fake.received(marker).getUrl().encodedPath());
        JsonNode request = fixture.fake.receivedJson(marker).path("generateContentRequest");
        assertEquals("models/gemini-2.5-flash", request.path("model").asText(), request.toString());
        assertEquals("You are terse.", request.at("/systemInstruction/parts/0/text").asText());
        assertTrue(request.path("contents").isArray());
    }

    @Test
    void geminiClientCountIsPassedThroughToGemini() {
        String marker = MatrixFixture.marker();
        String body = geminiCount(marker);

        HttpResponse<String> r = geminiClient(UpstreamKind.GEMINI.model, body);

        assertEquals(42, ok(r).path("totalTokens").asInt());
        assertEquals(body, fixture.fake.received(marker).getBody().utf8());
    }

    @Test
    void geminiClientCountOfAClaudeModelIsCountedByClaude() {
        String marker = MatrixFixture.marker();

        JsonNode answer = ok(geminiClient(UpstreamKind.CLAUDE.model, geminiCount(marker)));

        assertEquals(42, answer.path("totalTokens").asInt(), answer.toString());
        JsonNode sent = fixture.fake.receivedJson(marker);
        assertEquals(UpstreamKind.CLAUDE.model, sent.path("model").asText());
        assertFalse(sent.has("max_tokens") || sent.has("stream"), sent.toString());
    }

    @Test
    void upstreamsThatCannotCountGetAnEstimateWithoutAnUpstreamCall() {
        String codex = MatrixFixture.marker();
        String compat = MatrixFixture.marker();

        JsonNode claudeShape = ok(claudeClient(claudeCount(UpstreamKind.CODEX.model, codex)));
        JsonNode geminiShape = ok(geminiClient(UpstreamKind.COMPAT.model, geminiCount(compat)));

        assertTrue(claudeShape.path("input_tokens").asInt() > 0, claudeShape.toString());
        assertTrue(geminiShape.path("totalTokens").asInt() > 0, geminiShape.toString());
        assertNull(fixture.fake.received(codex), "no upstream call for Codex");
        assertNull(fixture.fake.received(compat), "no upstream call for an OpenAI-compatible upstream");
    }
}
