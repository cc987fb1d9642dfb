package dev.cliproxy.host.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reasoning signatures are opaque proofs: kept byte for byte on same-format pass-through (both ways), restored
 * exactly when a client of another format sends them back to their own upstream, and dropped cleanly, never
 * forwarded, when the conversation moves to another provider.
 */
class ReasoningSignaturesTest {

    private static final String CLAUDE_SIG = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+claude/sig==";
    private static final String GEMINI_SIG = "CiQBVKhc7sGemini/sig+AAA=";
    private static final String CODEX_SIG = "gAAAAABnzNK_codex/encrypted+reasoning==";

    @RegisterExtension
    static final MatrixFixture fixture = new MatrixFixture();

    private static String claudeHistory(String marker, String signature) {
        return "{\"model\":\"" + UpstreamKind.CLAUDE.model + "\",\"max_tokens\":2048,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Say hello " + marker + "\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"The user wants a "
                + "greeting.\\n\\nKeep it short.\",\"signature\":\"" + signature + "\"},"
                + "{\"type\":\"text\",\"text\":\"Hello!\"}]},"
                + "{\"role\":\"user\",\"content\":\"Again\"}]%s}";
    }

    private static HttpResponse<String> post(String path, String body, String authHeader, String authValue) {
        return fixture.proxy().send(fixture.proxy().request(path).version(HttpClient.Version.HTTP_1_1)
                .header(authHeader, authValue).header("Content-Type", "application/json")
                .header("anthropic-version", "2023-06-01").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void claudeToClaudeKeepsRequestAndAnswerByteForByte(boolean stream) {
        String marker = MatrixFixture.marker();
        String body = claudeHistory(marker, CLAUDE_SIG).formatted(stream ? ",\"stream\":true" : "");

        HttpResponse<String> r = post("/v1/messages", body, "x-api-key", MatrixFixture.CLIENT_KEY);

        assertEquals(200, r.statusCode(), r.body());
        assertArrayEquals(body.getBytes(), fixture.fake.received(marker).getBody().toByteArray(),
                "the upstream receives the client's exact bytes");
        assertEquals(UpstreamKind.CLAUDE.transcript(Scenario.TEXT, stream), r.body(),
                "the client receives the upstream's exact bytes");
    }

    @Test
    void geminiToGeminiKeepsThoughtSignaturesByteForByte() {
        String marker = MatrixFixture.marker();
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hello " + marker + "\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"text\":\"Hello!\",\"thoughtSignature\":\"" + GEMINI_SIG
                + "\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"Again\"}]}]}";

        HttpResponse<String> r = post("/v1beta/models/" + UpstreamKind.GEMINI.model
                + ":streamGenerateContent?alt=sse", body, "x-goog-api-key", MatrixFixture.CLIENT_KEY);

        assertEquals(200, r.statusCode(), r.body());
        assertArrayEquals(body.getBytes(), fixture.fake.received(marker).getBody().toByteArray());
        assertEquals(UpstreamKind.GEMINI.transcript(Scenario.TEXT, true), r.body());
    }

    @Test
    void responsesToCodexKeepsEncryptedReasoningExact() {
        String marker = MatrixFixture.marker();
        String body = "{\"model\":\"" + UpstreamKind.CODEX.model + "\",\"stream\":true,\"input\":["
                + "{\"role\":\"user\",\"content\":\"Say hello " + marker + "\"},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[],\"encrypted_content\":\"" + CODEX_SIG + "\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hello!\"}]},"
                + "{\"role\":\"user\",\"content\":\"Again\"}]}";

        HttpResponse<String> r = post("/v1/responses", body, "Authorization", "Bearer " + MatrixFixture.CLIENT_KEY);

        assertEquals(200, r.statusCode(), r.body());
        JsonNode sent = fixture.fake.receivedJson(marker);
        assertEquals(CODEX_SIG, sent.at("/input/1/encrypted_content").asText());
        assertEquals(UpstreamKind.CODEX.transcript(Scenario.TEXT, true), r.body(),
                "the Codex stream reaches a Responses client unchanged");
    }

    @Test
    void claudeSignatureHandedToAnOpenAiClientIsRestoredExactlyWhenItComesBack() {
        String first = MatrixFixture.marker();
        HttpResponse<String> answer = fixture.proxy().send(ClientFormat.OPENAI_CHAT.dialect.request(fixture.proxy(),
                MatrixFixture.CLIENT_KEY, UpstreamKind.CLAUDE.model, Scenario.TEXT, false, first));
        JsonNode message = Json.parse(answer.body().getBytes()).at("/choices/0/message");
        assertEquals("The user wants a greeting.", message.path("reasoning_content").asText(), answer.body());

        String second = MatrixFixture.marker();
        String replay = "{\"model\":\"" + UpstreamKind.CLAUDE.model + "\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Say hello " + second + "\"}," + message + ","
                + "{\"role\":\"user\",\"content\":\"Again\"}]}";
        HttpResponse<String> r = post("/v1/chat/completions", replay, "Authorization",
                "Bearer " + MatrixFixture.CLIENT_KEY);

        assertEquals(200, r.statusCode(), r.body());
        JsonNode thinking = fixture.fake.receivedJson(second).at("/messages/1/content/0");
        assertEquals("thinking", thinking.path("type").asText(), fixture.fake.receivedJson(second).toString());
        assertEquals(CLAUDE_SIG, thinking.path("signature").asText());
        assertEquals("The user wants a greeting.", thinking.path("thinking").asText());
    }

    @Test
    void foreignReasoningIsDroppedWhenAClaudeConversationMovesToGemini() {
        String marker = MatrixFixture.marker();
        String body = claudeHistory(marker, CLAUDE_SIG).formatted("")
                .replace(UpstreamKind.CLAUDE.model, UpstreamKind.GEMINI.model);

        HttpResponse<String> r = post("/v1/messages", body, "x-api-key", MatrixFixture.CLIENT_KEY);

        assertEquals(200, r.statusCode(), r.body());
        String sent = fixture.fake.received(marker).getBody().utf8();
        assertFalse(sent.contains(CLAUDE_SIG), "a Claude signature is never sent to Gemini: " + sent);
        assertFalse(sent.contains("Keep it short."), "nor the reasoning it signed: " + sent);
        assertTrue(sent.contains("Hello!") && sent.contains("Again"), "the rest of the conversation stays: " + sent);
    }

    @Test
    void geminiSignatureComingBackThroughAClaudeClientIsDroppedForClaudeAndRestoredForGemini() {
        String tagged = "cpx1:gemini:" + GEMINI_SIG;
        String toClaude = MatrixFixture.marker();
        post("/v1/messages", claudeHistory(toClaude, tagged).formatted(""), "x-api-key", MatrixFixture.CLIENT_KEY);
        String toGemini = MatrixFixture.marker();
        post("/v1/messages", claudeHistory(toGemini, tagged).formatted("")
                .replace(UpstreamKind.CLAUDE.model, UpstreamKind.GEMINI.model), "x-api-key", MatrixFixture.CLIENT_KEY);

        JsonNode claudeGot = fixture.fake.receivedJson(toClaude);
        assertFalse(claudeGot.toString().contains(GEMINI_SIG), "no foreign signature upstream: " + claudeGot);
        assertEquals("text", claudeGot.at("/messages/1/content/0/type").asText(),
                "the foreign thinking block is gone, the text stays: " + claudeGot);
        String geminiGot = fixture.fake.received(toGemini).getBody().utf8();
        assertTrue(geminiGot.contains("\"thoughtSignature\":\"" + GEMINI_SIG + "\""),
                "Gemini gets its own signature back, untagged: " + geminiGot);
    }
}
