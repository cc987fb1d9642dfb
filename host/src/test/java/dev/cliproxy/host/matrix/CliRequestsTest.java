package dev.cliproxy.host.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first request of each real CLI, as captured by the conformance harness ({@code conformance/}, long strings
 * and tool lists trimmed), sent to every upstream kind. Claude Code, Codex CLI and Gemini CLI send fields the
 * documentation examples do not show (mid-conversation system messages, namespace and custom tools, JSON-schema
 * tool parameters, thinking with effort); each must get a complete, well-formed streamed answer from every upstream.
 */
class CliRequestsTest {

    @RegisterExtension
    static final MatrixFixture fixture = new MatrixFixture();

    /** A captured CLI request: its file, the client format and the path it is posted to. */
    enum Cli {
        CLAUDE_CODE("claude-code-2.1.197-request.json", ClientFormat.CLAUDE),
        CODEX_CLI("codex-cli-0.169.0-request.json", ClientFormat.OPENAI_RESPONSES),
        GEMINI_CLI("gemini-cli-0.61.0-request.json", ClientFormat.GEMINI);

        final String file;
        final ClientFormat format;

        Cli(String file, ClientFormat format) {
            this.file = file;
            this.format = format;
        }

        String path(String model) {
            return switch (this) {
                case CLAUDE_CODE -> "/v1/messages?beta=true";
                case CODEX_CLI -> "/v1/responses";
                case GEMINI_CLI -> "/v1beta/models/" + model + ":streamGenerateContent?alt=sse";
            };
        }

        ObjectNode body(String model) {
            try (InputStream in = CliRequestsTest.class.getResourceAsStream("/conformance/" + file)) {
                ObjectNode body = (ObjectNode) Json.parse(in.readAllBytes());
                if (this != GEMINI_CLI) {
                    body.put("model", model);
                }
                return body;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    record Case(Cli cli, UpstreamKind upstream) {
    }

    static Stream<Case> cases() {
        return Arrays.stream(Cli.values()).flatMap(c -> Arrays.stream(UpstreamKind.values()).map(k -> new Case(c, k)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aRealCliRequestGetsACompleteStreamedAnswerFromEveryUpstream(Case c) {
        String body = c.cli().body(c.upstream().model).toString();

        HttpResponse<String> r = fixture.proxy().send(ClientDialect.post(fixture.proxy(),
                c.cli().path(c.upstream().model), body)
                .header("Authorization", "Bearer " + MatrixFixture.CLIENT_KEY).build());

        ClientDialect.assertSse(r);
        ClientAnswer answer = c.cli().format.dialect.read(r, true);
        assertTrue(answer.text.toString().contains(c.upstream().greeting()), answer + "\n" + r.body());
        assertEquals(0, answer.toolCalls.size(), answer.toString());
    }

    @org.junit.jupiter.api.Test
    void claudeCodeOnGeminiEndsItsAnswerWithTheTextBlockWhenGeminiSignsTheText() {
        // `claude -p` prints the last block: a signed Gemini text part must not become a trailing thinking block
        String marker = MatrixFixture.marker();
        fixture.fake.script(marker, req -> FakeUpstreams.sse("""
                data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Pondering.","thought":true}]},\
                "index":0}],"modelVersion":"gemini-2.5-flash"}\r
                \r
                data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Hello from gemini!",\
                "thoughtSignature":"CiQBVKhc7sGemini/text+AAA="}]},"finishReason":"STOP","index":0}],\
                "usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":4,"totalTokenCount":13},\
                "modelVersion":"gemini-2.5-flash"}\r
                \r
                """));
        ObjectNode body = Cli.CLAUDE_CODE.body(UpstreamKind.GEMINI.model);
        ((ObjectNode) body.withArray("messages").get(0).withArray("content").get(1)).put("text", "Say hi " + marker);

        HttpResponse<String> r = fixture.proxy().send(ClientDialect.post(fixture.proxy(), "/v1/messages?beta=true",
                body.toString()).header("Authorization", "Bearer " + MatrixFixture.CLIENT_KEY).build());

        ClientDialect.assertSse(r);
        java.util.List<String> blocks = dev.cliproxy.host.testing.Sse.parse(r.body()).stream()
                .filter(e -> "content_block_start".equals(e.event()))
                .map(e -> Json.parse(e.data()).at("/content_block/type").asText()).toList();
        assertEquals(java.util.List.of("thinking", "text"), blocks, r.body());
    }
}
