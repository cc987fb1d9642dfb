package dev.cliproxy.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.metrics.CompatUpstream;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model name with a control character in it is refused with 400 in the client's own error format, never trimmed
 * into a valid name and sent upstream.
 */
class ModelNameTest {

    @RegisterExtension
    static final ProxyWithUpstream PROXY = ProxyWithUpstream.withMockWebServer(CompatUpstream.config(1, ""));

    /**
     * One client format.
     *
     * @param name      the format
     * @param path      the request path; a {@code %s} in it is the URL-encoded model name
     * @param body      the request body; a {@code %s} in it is the model name as a JSON string
     * @param kind      where the error body keeps the error's type (or status)
     * @param kindValue what it says for bad input
     */
    record Format(String name, String path, String body, String kind, String kindValue) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A bad model name, as it is and URL-encoded. */
    record Name(String raw, String encoded) {
        @Override
        public String toString() {
            return encoded;
        }
    }

    static Stream<Object[]> cases() {
        Stream<Format> formats = Stream.of(
                new Format("OpenAI chat", "/v1/chat/completions",
                        "{\"model\":%s,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "/error/type", "invalid_request_error"),
                new Format("OpenAI responses", "/v1/responses", "{\"model\":%s,\"input\":\"hi\"}",
                        "/error/type", "invalid_request_error"),
                new Format("Claude messages", "/v1/messages",
                        "{\"model\":%s,\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "/error/type", "invalid_request_error"),
                new Format("Gemini", "/v1beta/models/%s:generateContent",
                        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}",
                        "/error/status", "INVALID_ARGUMENT"));
        return formats.flatMap(f -> Stream.of(
                new Name("my-model\u0000", "my-model%00"),
                new Name("\u0000my-model", "%00my-model"),
                new Name("my-model\n", "my-model%0A"),
                new Name("my\u001bmodel", "my%1Bmodel")).map(n -> new Object[] {f, n}));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void rejectsAModelNameWithAControlCharacterWith400InTheClientsFormat(Format f, Name model) throws Exception {
        int sentBefore = PROXY.upstream().getRequestCount();
        String path = f.path().contains("%s") ? f.path().formatted(model.encoded()) : f.path();
        String quoted = new String(Json.write(TextNode.valueOf(model.raw())), StandardCharsets.UTF_8);
        String body = f.body().contains("%s") ? f.body().formatted(quoted) : f.body();

        HttpResponse<String> r = PROXY.post(path, CompatUpstream.KEY, body);

        assertEquals(400, r.statusCode(), r.body());
        JsonNode error = Json.MAPPER.readTree(r.body());
        assertTrue(error.at("/error/message").asText().contains("control character"), r.body());
        assertEquals(f.kindValue(), error.at(f.kind()).asText(), r.body());
        assertEquals(sentBefore, PROXY.upstream().getRequestCount(), "nothing was sent upstream");
    }
}
