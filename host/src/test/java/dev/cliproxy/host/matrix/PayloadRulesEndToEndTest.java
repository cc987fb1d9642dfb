package dev.cliproxy.host.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.host.config.ConfigException;
import dev.cliproxy.host.config.ConfigLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code payload} rules through the real server: applied to the upstream body after translation, per model
 * pattern, protocol and client format; invalid rules are refused when the config loads, with the reason.
 */
class PayloadRulesEndToEndTest {

    private static final String RULES = """
            payload:
              default:
                - models: [{name: "compat-*", protocol: openai}]
                  params: {temperature: 0.3, "metadata.source": "proxy"}
              override:
                - models: [{name: "gpt-*", protocol: codex}]
                  params: {"reasoning.effort": "high"}
                - models: [{name: "compat-model", protocol: gemini}]
                  params: {temperature: 1.9}
                - models: [{name: "claude-*", from-protocol: claude, match: [{"metadata.user_id": "team-a"}]}]
                  params: {"top_k": 7}
              override-raw:
                - models: [{name: "claude-sonnet-*", headers: {X-Tenant: "acme-*"}}]
                  params: {"metadata": "{\\"user_id\\":\\"team-a\\"}"}
              filter:
                - models: [{name: "gemini-2.5-flash", protocol: gemini}]
                  params: ["generationConfig.temperature"]
            """;

    @RegisterExtension
    static final MatrixFixture fixture = new MatrixFixture(RULES);

    private static JsonNode sent(String path, String body, String... headers) {
        String marker = MatrixFixture.marker();
        HttpRequest.Builder b = fixture.proxy().request(path).version(HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + MatrixFixture.CLIENT_KEY).header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("MARKER", marker)));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = fixture.proxy().send(b.build());
        assertEquals(200, r.statusCode(), r.body());
        return fixture.fake.receivedJson(marker);
    }

    private static String chat(String model, String extra) {
        return "{\"model\":\"" + model + "\"" + extra + ",\"messages\":[{\"role\":\"user\",\"content\":\"MARKER\"}]}";
    }

    @Test
    void defaultSetsOnlyWhatTheBodyLacks() {
        JsonNode plain = sent("/v1/chat/completions", chat("compat-model", ""));
        assertEquals(0.3, plain.path("temperature").asDouble(), plain.toString());
        assertEquals("proxy", plain.at("/metadata/source").asText(), plain.toString());
        JsonNode own = sent("/v1/chat/completions", chat("compat-model", ",\"temperature\":0.9"));
        assertEquals(0.9, own.path("temperature").asDouble(), own.toString());
    }

    @Test
    void overrideAppliesAfterTranslationToTheUpstreamsProtocol() {
        JsonNode codex = sent("/v1/chat/completions", chat("gpt-5.5", ",\"reasoning_effort\":\"low\""));
        assertEquals("high", codex.at("/reasoning/effort").asText(), codex.toString());
    }

    @Test
    void aRuleForAnotherProtocolIsNotApplied() {
        JsonNode compat = sent("/v1/chat/completions", chat("compat-model", ",\"temperature\":0.5"));
        assertEquals(0.5, compat.path("temperature").asDouble(), "the gemini rule leaves openai bodies alone");
    }

    @Test
    void filterRemovesPaths() {
        JsonNode gemini = sent("/v1/chat/completions", chat("gemini-2.5-flash", ",\"temperature\":0.5,\"top_p\":0.8"));
        assertFalse(gemini.at("/generationConfig").has("temperature"), gemini.toString());
        assertEquals(0.8, gemini.at("/generationConfig/topP").asDouble(), 1e-9, gemini.toString());
    }

    @Test
    void rawOverrideWithHeaderConditionAndBodyMatchAndClientFormat() {
        String messages = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":100,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"MARKER\"}]}";
        JsonNode tenant = sent("/v1/messages", messages, "X-Tenant", "acme-eu");
        assertEquals("team-a", tenant.at("/metadata/user_id").asText(), tenant.toString());
        assertFalse(tenant.has("top_k"), "match reads the client's body as translated, before this request's edits");
        JsonNode other = sent("/v1/messages", messages, "X-Tenant", "globex");
        assertFalse(other.has("metadata"), other.toString());

        String teamA = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":100,\"metadata\":{\"user_id\":"
                + "\"team-a\"},\"messages\":[{\"role\":\"user\",\"content\":\"MARKER\"}]}";
        assertEquals(7, sent("/v1/messages", teamA).path("top_k").asInt());
        JsonNode fromChat = sent("/v1/chat/completions", chat("claude-sonnet-4-5-20250929", ",\"user\":\"team-a\""));
        assertFalse(fromChat.has("top_k"), "from-protocol claude: a chat client's request is not edited");
    }

    record Invalid(String yaml, String reason) {
        @Override
        public String toString() {
            return reason;
        }
    }

    static Stream<Invalid> invalidRules() {
        return Stream.of(
                new Invalid("payload: {replace: []}", "payload.replace is not a rule kind"),
                new Invalid("payload: {default: [{params: {a: 1}}]}", "payload.default[0].models must list"),
                new Invalid("payload: {default: [{models: [{protocol: openai}], params: {a: 1}}]}",
                        "payload.default[0].models[0].name is missing"),
                new Invalid("payload: {override: [{models: [{name: m, protocol: bard}], params: {a: 1}}]}",
                        "protocol 'bard' is not one of"),
                new Invalid("payload: {override-raw: [{models: [{name: m}], params: {a: \"{not json\"}}]}",
                        "payload.override-raw[0].params.a is not valid JSON"),
                new Invalid("payload: {filter: [{models: [{name: m}], params: {a: 1}}]}",
                        "payload.filter[0].params must list the paths to remove"),
                new Invalid("payload: {default: [{models: [{name: m}], params: {\"tools.#(type==x).a\": 1}}]}",
                        "only plain dotted paths"),
                new Invalid("payload: {override: [{models: [{name: m}]}]}", "params must map paths to values"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRules")
    void anInvalidRuleIsRefusedAtLoadWithTheReason(Invalid c) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(c.yaml + "\n", "config.yaml", null));
        assertTrue(e.getMessage().contains(c.reason), e.getMessage());
    }
}
