package dev.cliproxy.plugin.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiCliProviderTest {

    private static final String TOKEN_FILE = """
            {"type":"gemini","email":"dev@example.com","project_id":"proj-a, proj-b","auto":false,"checked":true,
             "prefix":"team","priority":2,"headers":{"X-Team":"blue"},"excluded_models":["*-lite"],
             "token":{"access_token":"ya29.secret-access-token","refresh_token":"1//refresh","expiry":"2026-12-05T14:00:00Z"}}""";

    private final GeminiCliProvider provider = new GeminiCliProvider();

    private static ProviderConfig config(String root, String tokenFile) {
        return new ProviderConfig(Json.parse(root.getBytes()),
                List.of(new ProviderConfig.AuthFile("gemini-dev@example.com-all.json", Json.parse(tokenFile.getBytes())),
                        new ProviderConfig.AuthFile("claude-x.json", Json.parse("{\"type\":\"claude\"}".getBytes()))),
                "");
    }

    private List<Credential> credentials() {
        return provider.credentials(config("{\"oauth\":{\"gemini-cli\":{\"code-assist-url\":\"http://ca.test/\"}}}",
                TOKEN_FILE));
    }

    @Test
    void oneOAuthCredentialPerProjectOfTheTokenFile() {
        List<Credential> creds = credentials();

        assertEquals(2, creds.size());
        Credential a = creds.get(0);
        assertEquals(Credential.Kind.OAUTH, a.kind());
        assertEquals("proj-a", a.attribute(GeminiCliAccounts.PROJECT, ""));
        assertEquals("proj-b", creds.get(1).attribute(GeminiCliAccounts.PROJECT, ""));
        assertEquals("gemini-dev@example.com-all.json", a.authFile());
        assertEquals("http://ca.test", a.baseUrl(), "code-assist-url from oauth.gemini-cli, trailing slash removed");
        assertEquals("dev@example.com / proj-a", a.label());
        assertEquals("team", a.prefix());
        assertEquals(2, a.priority());
        assertEquals(List.of("*-lite"), a.excludedModels());
        assertFalse(a.id().equals(creds.get(1).id()));
        assertFalse(a.toString().contains("ya29.secret"), "toString never shows the token");
        assertFalse(provider.defaultModels(a).isEmpty(), "OAuth accounts serve the Gemini catalogue");
    }

    @Test
    void describesGenerateCallsInTheCodeAssistEnvelopeWithTheGeminiCliHeaders() {
        Credential c = credentials().get(1);
        byte[] body = """
                {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"system_instruction":{"parts":[{"text":"be brief"}]},
                 "tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"object"}}]}]}"""
                .getBytes(StandardCharsets.UTF_8);

        UpstreamRequest r = provider.describe(UpstreamCall.builder(c, "models/gemini-2.5-pro", body).stream(true)
                .secret("ya29.live-token").build());

        assertEquals("http://ca.test/v1internal:streamGenerateContent?alt=sse", r.url());
        assertEquals("Bearer ya29.live-token", r.header("Authorization"), "the host's live token, not the file's");
        assertTrue(r.header("User-Agent").startsWith("GeminiCLI/0.34.0/gemini-2.5-pro ("), r.header("User-Agent"));
        assertEquals(GeminiCliProvider.API_CLIENT, r.header("X-Goog-Api-Client"));
        assertEquals("blue", r.header("X-Team"));
        assertTrue(r.streaming());
        JsonNode sent = Json.parse(r.body());
        assertEquals("gemini-2.5-pro", sent.path("model").asText());
        assertEquals("proj-b", sent.path("project").asText());
        assertEquals("be brief", sent.path("request").path("systemInstruction").path("parts").get(0).path("text")
                .asText());
        assertFalse(sent.path("request").has("system_instruction"));
        assertTrue(sent.path("request").path("tools").get(0).path("functionDeclarations").get(0)
                .has("parametersJsonSchema"));
    }

    @Test
    void tokenCountsSendOnlyTheModelAndContents() {
        Credential c = credentials().get(0);
        byte[] body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}".getBytes();

        UpstreamRequest r = provider.describe(UpstreamCall.builder(c, "gemini-2.5-flash", body)
                .operation(Operation.COUNT_TOKENS).build());

        assertEquals("http://ca.test/v1internal:countTokens", r.url());
        JsonNode sent = Json.parse(r.body());
        assertEquals("models/gemini-2.5-flash", sent.path("request").path("model").asText());
        assertTrue(sent.path("request").path("contents").isArray());
        assertFalse(sent.has("project"));
    }

    @Test
    void answersAreUnwrappedFromTheResponseEnvelope() {
        Credential c = credentials().get(0);
        UpstreamCall call = UpstreamCall.builder(c, "gemini-2.5-flash", new byte[0]).build();
        byte[] wrapped = "{\"response\":{\"candidates\":[]},\"traceId\":\"t\"}".getBytes();
        byte[] error = "{\"error\":{\"code\":429}}".getBytes();

        assertEquals("{\"candidates\":[]}", new String(provider.answerAdapter(c).event(call, wrapped)));
        assertEquals("{\"candidates\":[]}", new String(provider.answerAdapter(c).body(call, wrapped)));
        assertSame(error, provider.answerAdapter(c).event(call, error), "anything else is left as it is");
    }

    @Test
    void previewModelsComeFromTheConfigOrTheBuiltInMap() {
        Credential c = credentials().get(0);
        assertEquals(GeminiCliProvider.DEFAULT_PREVIEWS.get("gemini-2.5-pro"),
                provider.quotaFallbackModels(c, "gemini-2.5-pro"));

        provider.credentials(config("{\"quota-exceeded\":{\"preview-models\":{\"gemini-2.5-pro\":[\"p-1\",\"p-2\"]}}}",
                TOKEN_FILE));

        assertEquals(List.of("p-1", "p-2"), provider.quotaFallbackModels(c, "gemini-2.5-pro"));
        assertEquals(List.of(), provider.quotaFallbackModels(c, "gemini-2.5-flash"));
    }

    @Test
    void filesWithoutTokenOrProjectAreSkipped() {
        assertEquals(List.of(), provider.credentials(config("{}", "{\"type\":\"gemini\",\"project_id\":\"p\"}")));
        assertEquals(List.of(), provider.credentials(config("{}",
                "{\"type\":\"gemini\",\"token\":{\"access_token\":\"t\"}}")));
    }
}
