package dev.cliproxy.host.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error, from the request parser, the codecs, the router or the upstream, reaches the client in its own
 * format with a meaningful status, never a 500.
 */
class ClientErrorsTest {

    record Bad(ClientFormat client, String what, String path, String body, int status) {
        @Override
        public String toString() {
            return client + ": " + what;
        }
    }

    @RegisterExtension
    static final MatrixFixture fixture = new MatrixFixture();

    static Stream<Bad> badInputs() {
        String claude = UpstreamKind.CLAUDE.model;
        String gemini = UpstreamKind.GEMINI.model;
        String generate = "/v1beta/models/" + gemini + ":generateContent";
        return Stream.of(
                new Bad(ClientFormat.OPENAI_CHAT, "malformed JSON", "/v1/chat/completions", "{\"model\":", 400),
                new Bad(ClientFormat.OPENAI_CHAT, "a body that is not an object", "/v1/chat/completions", "[1]", 400),
                new Bad(ClientFormat.OPENAI_CHAT, "missing model", "/v1/chat/completions",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400),
                new Bad(ClientFormat.OPENAI_CHAT, "unsupported content", "/v1/chat/completions",
                        "{\"model\":\"" + claude + "\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                                + "\"input_audio\",\"input_audio\":{\"data\":\"AAAA\",\"format\":\"wav\"}}]}]}", 400),
                new Bad(ClientFormat.OPENAI_CHAT, "unknown model", "/v1/chat/completions",
                        "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 404),
                new Bad(ClientFormat.OPENAI_RESPONSES, "malformed JSON", "/v1/responses", "{\"input\":[", 400),
                new Bad(ClientFormat.OPENAI_RESPONSES, "missing model", "/v1/responses", "{\"input\":\"hi\"}", 400),
                new Bad(ClientFormat.OPENAI_RESPONSES, "unsupported content", "/v1/responses",
                        "{\"model\":\"" + claude + "\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":"
                                + "\"input_image\",\"file_id\":\"file-123\"}]}]}", 400),
                new Bad(ClientFormat.OPENAI_RESPONSES, "unknown model", "/v1/responses",
                        "{\"model\":\"no-such-model\",\"input\":\"hi\"}", 404),
                new Bad(ClientFormat.CLAUDE, "malformed JSON", "/v1/messages", "{\"model\":\"x\",,}", 400),
                new Bad(ClientFormat.CLAUDE, "empty body", "/v1/messages", "", 400),
                new Bad(ClientFormat.CLAUDE, "missing model", "/v1/messages",
                        "{\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400),
                new Bad(ClientFormat.CLAUDE, "unsupported content", "/v1/messages",
                        "{\"model\":\"" + gemini + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                                + "\"content\":[{\"type\":\"hologram\",\"data\":\"x\"}]}]}", 400),
                new Bad(ClientFormat.CLAUDE, "unknown model", "/v1/messages",
                        "{\"model\":\"no-such-model\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"hi\"}]}", 404),
                new Bad(ClientFormat.GEMINI, "malformed JSON", generate, "{\"contents\":", 400),
                new Bad(ClientFormat.GEMINI, "missing model", "/v1beta/models/:generateContent",
                        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", 400),
                new Bad(ClientFormat.GEMINI, "unsupported content",
                        "/v1beta/models/" + claude + ":generateContent",
                        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"videoMetadata\":{}}]}]}", 400),
                new Bad(ClientFormat.GEMINI, "unknown model", "/v1beta/models/no-such-model:generateContent",
                        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", 404),
                new Bad(ClientFormat.GEMINI, "unknown method", "/v1beta/models/" + gemini + ":embedContent",
                        "{\"contents\":[]}", 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsAnsweredInTheClientsFormatWithA4xx(Bad bad) {
        HttpResponse<String> r = send(bad.client(), bad.path(), bad.body());

        assertEquals(bad.status(), r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertFalse(bad.client().dialect.errorMessage(r.body()).isBlank(), r.body());
        assertEquals("false", r.headers().firstValue("x-should-retry").orElse(null), "SDKs must not retry it");
    }

    @ParameterizedTest(name = "{0} client")
    @EnumSource(ClientFormat.class)
    void upstreamRejectionKeepsItsStatusAndMessageInTheClientsFormat(ClientFormat client) {
        String marker = MatrixFixture.marker();
        fixture.fake.script(marker, r -> FakeUpstreams.json(400, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"invalid_request_error\",\"message\":\"messages: text content blocks must be non-empty\"}}"));

        HttpResponse<String> r = fixture.proxy().send(client.dialect.request(fixture.proxy(), MatrixFixture.CLIENT_KEY,
                UpstreamKind.CLAUDE.model, Scenario.TEXT, false, marker));

        assertEquals(400, r.statusCode(), r.body());
        assertEquals("messages: text content blocks must be non-empty", client.dialect.errorMessage(r.body()));
        assertEquals("false", r.headers().firstValue("x-should-retry").orElse(null), "SDKs must not retry it");
    }

    @ParameterizedTest(name = "{0} client")
    @EnumSource(ClientFormat.class)
    void upstreamQuotaErrorBecomes429WithRetryAfterInTheClientsFormat(ClientFormat client) {
        String marker = MatrixFixture.marker();
        fixture.fake.script(marker, r -> new mockwebserver3.MockResponse.Builder().code(429)
                .addHeader("Content-Type", "application/json").addHeader("retry-after", "30")
                .body("{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\","
                        + "\"status\":\"RESOURCE_EXHAUSTED\"}}").build());
        // a model no other test uses: the cooldown this causes must not leak into other cases
        String model = switch (client) {
            case OPENAI_CHAT -> "gemini-2.5-pro";
            case OPENAI_RESPONSES -> "gemini-2.5-flash-lite";
            case CLAUDE -> "gemini-3-flash-preview";
            case GEMINI -> "gemini-3.5-flash";
        };

        HttpResponse<String> r = fixture.proxy().send(client.dialect.request(fixture.proxy(), MatrixFixture.CLIENT_KEY,
                model, Scenario.TEXT, false, marker));

        assertEquals(429, r.statusCode(), r.body());
        assertFalse(client.dialect.errorMessage(r.body()).isBlank());
        long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retryAfter > 0 && retryAfter <= 30, "Retry-After " + retryAfter);
        assertTrue(r.headers().firstValue("x-should-retry").isEmpty(), "a quota error may be retried");
    }

    @ParameterizedTest(name = "{0} client")
    @EnumSource(ClientFormat.class)
    void wrongClientKeyIs401InTheClientsFormat(ClientFormat client) {
        HttpResponse<String> r = fixture.proxy().send(client.dialect.request(fixture.proxy(), "wrong-key-0000000000",
                UpstreamKind.CLAUDE.model, Scenario.TEXT, false, MatrixFixture.marker()));

        assertEquals(401, r.statusCode(), r.body());
        assertFalse(client.dialect.errorMessage(r.body()).isBlank());
        // without it Claude Code retries a 401 ten times with backoff (minutes) before giving up
        assertEquals("false", r.headers().firstValue("x-should-retry").orElse(null));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @EnumSource(UpstreamKind.class)
    void aClaudeThreadContinuationIsThreadNotFoundUnlessClaudeServesIt(UpstreamKind upstream) {
        // the Anthropic SDK tool runner continues server-side threads; on thread_not_found it resends everything
        String body = "{\"model\":\"" + upstream.model + "\",\"max_tokens\":64,\"thread\":{\"type\":\"continue\","
                + "\"previous_message_id\":\"msg_1\"},\"messages\":[{\"role\":\"user\",\"content\":\"Again "
                + MatrixFixture.marker() + "\"}]}";

        HttpResponse<String> r = send(ClientFormat.CLAUDE, "/v1/messages?beta=true", body);

        if (upstream == UpstreamKind.CLAUDE) {
            assertEquals(200, r.statusCode(), "passed through to Anthropic, which keeps threads: " + r.body());
        } else {
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("thread_not_found", dev.cliproxy.formats.Json.parse(r.body().getBytes())
                    .at("/error/details/error_code").asText(), r.body());
        }
    }

    private static HttpResponse<String> send(ClientFormat client, String path, String body) {
        HttpRequest.Builder b = fixture.proxy().request(path).version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        switch (client) {
            case CLAUDE -> b.header("x-api-key", MatrixFixture.CLIENT_KEY).header("anthropic-version", "2023-06-01");
            case GEMINI -> b.header("x-goog-api-key", MatrixFixture.CLIENT_KEY);
            default -> b.header("Authorization", "Bearer " + MatrixFixture.CLIENT_KEY);
        }
        return fixture.proxy().send(b.build());
    }
}
