package dev.cliproxy.host.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A thinking suffix on the model name ({@code model(high)}, {@code model(16384)}, {@code model(none)},
 * {@code model(auto)}) from any client format reaches each upstream as that format's reasoning fields, converted
 * between level and budget and clamped, whether the request is passed through or translated; the suffix itself is
 * stripped before routing.
 */
class ThinkingSuffixEndToEndTest {

    @RegisterExtension
    static final MatrixFixture fixture = new MatrixFixture();

    /** A client request for {@code model}; {@code %s} in the body is the marker. */
    record Case(String name, String path, String body, String upstreamModel, String pointer, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String CHAT = """
            {"model":"%1$s","messages":[{"role":"user","content":"Think %2$s"}]}""";
    private static final String CLAUDE = """
            {"model":"%1$s","max_tokens":1000,"temperature":0.5,"thinking":{"type":"enabled","budget_tokens":2048},\
            "messages":[{"role":"user","content":"Think %2$s"}]}""";
    private static final String GEMINI = """
            {"contents":[{"role":"user","parts":[{"text":"Think %2$s"}]}]}""";
    private static final String RESPONSES = """
            {"model":"%1$s","input":"Think %2$s"}""";

    static Stream<Case> cases() {
        return Stream.of(
                new Case("chat -> compat, level passed through", "/v1/chat/completions", CHAT,
                        "compat-model(high)", "/reasoning_effort", "high"),
                new Case("chat -> compat, budget as its level", "/v1/chat/completions", CHAT,
                        "compat-model(1000)", "/reasoning_effort", "low"),
                new Case("chat -> claude, budget translated", "/v1/chat/completions", CHAT,
                        "claude-sonnet-4-5-20250929(16384)", "/thinking/budget_tokens", "16384"),
                new Case("chat -> claude, level as its budget", "/v1/chat/completions", CHAT,
                        "claude-sonnet-4-5-20250929(medium)", "/thinking/budget_tokens", "8192"),
                new Case("claude -> claude, none replaces the body's thinking", "/v1/messages", CLAUDE,
                        "claude-sonnet-4-5-20250929(none)", "/thinking/type", "disabled"),
                new Case("claude -> claude, budget replaces the body's", "/v1/messages", CLAUDE,
                        "claude-sonnet-4-5-20250929(8000)", "/thinking/budget_tokens", "8000"),
                new Case("claude -> claude, too small a budget is raised to 1024", "/v1/messages", CLAUDE,
                        "claude-sonnet-4-5-20250929(100)", "/thinking/budget_tokens", "1024"),
                new Case("gemini -> gemini, auto is a dynamic budget", "/v1beta/models/%1$s:generateContent",
                        GEMINI, "gemini-2.5-flash(auto)", "/generationConfig/thinkingConfig/thinkingBudget", "-1"),
                new Case("chat -> gemini, level as its budget", "/v1/chat/completions", CHAT,
                        "gemini-2.5-flash(high)", "/generationConfig/thinkingConfig/thinkingBudget", "24576"),
                new Case("chat -> gemini, budget clamped to the flash maximum", "/v1/chat/completions", CHAT,
                        "gemini-2.5-flash(100000)", "/generationConfig/thinkingConfig/thinkingBudget", "24576"),
                new Case("responses -> codex, level passed through", "/v1/responses", RESPONSES,
                        "gpt-5.5(xhigh)", "/reasoning/effort", "xhigh"),
                new Case("chat -> codex, budget as its level", "/v1/chat/completions", CHAT,
                        "gpt-5.5(600)", "/reasoning/effort", "low"),
                new Case("claude -> codex, max is the highest level", "/v1/messages", CLAUDE,
                        "gpt-5.5(max)", "/reasoning/effort", "xhigh"));
    }

    private static HttpResponse<String> send(String path, String body) {
        return fixture.proxy().send(fixture.proxy().request(path).version(HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + MatrixFixture.CLIENT_KEY).header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSuffixBecomesTheUpstreamsReasoningFields(Case c) {
        String marker = MatrixFixture.marker();
        HttpResponse<String> r = send(c.path.formatted(c.upstreamModel, marker),
                c.body.formatted(c.upstreamModel, marker));

        assertEquals(200, r.statusCode(), r.body());
        JsonNode sent = fixture.fake.receivedJson(marker);
        assertEquals(c.expected, sent.at(c.pointer).asText(), sent.toString());
        assertTrue(!sent.path("model").asText().contains("("),
                "the suffix is stripped before the upstream: " + sent.path("model"));
        if (sent.at("/thinking/type").asText().equals("enabled")) {
            assertTrue(sent.path("max_tokens").asInt() > sent.at("/thinking/budget_tokens").asInt(), sent.toString());
            assertTrue(!sent.has("temperature"), "Claude refuses temperature beside thinking: " + sent);
        }
    }

    @Test
    void anUnknownSuffixIsPartOfTheNameAndFindsNoModel() {
        HttpResponse<String> r = send("/v1/chat/completions", CHAT.formatted("compat-model(bogus)", "x"));
        assertEquals(404, r.statusCode(), r.body());
        assertTrue(r.body().contains("compat-model(bogus)"), r.body());
    }
}
