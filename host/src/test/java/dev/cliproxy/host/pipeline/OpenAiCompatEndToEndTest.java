package dev.cliproxy.host.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import dev.cliproxy.host.testing.Sse;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OpenAI Chat Completions in, an OpenAI-compatible upstream out, through the real server over HTTP. */
class OpenAiCompatEndToEndTest {

    private static final String KEY = "client-key-0123456789";

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer("""
            api-keys: ["%s"]
            openai-compatibility:
              - name: fake
                base-url: {upstream}/v1
                api-key-entries:
                  - api-key: up-key-a
                  - api-key: up-key-b
                  - api-key: up-key-c
                models:
                  - name: upstream-model-x
                    alias: my-model
            """.formatted(KEY));

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void rewritesAliasToUpstreamNameAndBackInNonStreamingAnswer() throws Exception {
        proxy.upstream().enqueue(json(200, """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"upstream-model-x",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"hi there"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5},"x_extra":1.50}"""));

        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY,
                "{\"model\":\"my-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"unknown_field\":7}");

        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = Json.MAPPER.readTree(r.body());
        assertEquals("my-model", answer.path("model").asText());
        assertEquals("hi there", answer.at("/choices/0/message/content").asText());
        assertTrue(r.body().contains("1.50"), "numbers pass through exactly: " + r.body());
        RecordedRequest sent = proxy.upstream().takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/v1/chat/completions", sent.getUrl().encodedPath());
        JsonNode sentBody = Json.MAPPER.readTree(sent.getBody().utf8());
        assertEquals("upstream-model-x", sentBody.path("model").asText());
        assertEquals(7, sentBody.path("unknown_field").asInt(), "unknown fields are kept");
        assertTrue(sent.getHeaders().get("Authorization").startsWith("Bearer up-key-"));
    }

    @Test
    void servesALargeBodyWholeAndStreamedTheSameWay() throws Exception {
        String big = "y".repeat(600 * 1024); // over the size parsed on a virtual thread instead of the I/O thread
        String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"upstream-model-x\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";
        for (boolean stream : new boolean[] {false, true}) {
            proxy.upstream().enqueue(stream
                    ? new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                            .body(Sse.dataEvents(chunk, "[DONE]")).build()
                    : json(200, "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"upstream-model-x\","
                            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                            + "\"finish_reason\":\"stop\"}]}"));

            HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, "{\"model\":\"my-model\",\"stream\":"
                    + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}");

            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"ok\"") && r.body().contains("my-model"), r.body());
            RecordedRequest sent = proxy.upstream().takeRequest(5, TimeUnit.SECONDS);
            assertEquals(big, Json.MAPPER.readTree(sent.getBody().utf8()).at("/messages/0/content").asText());
        }
    }

    @Test
    void relaysStreamEventByEventWithAliasRewritten() throws Exception {
        proxy.upstream().enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(Sse.dataEvents(
                        "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"upstream-model-x\","
                                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
                        "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"upstream-model-x\","
                                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}",
                        "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"upstream-model-x\","
                                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}",
                        "[DONE]"))
                .build());

        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY,
                "{\"model\":\"my-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        String date = r.headers().firstValue("Date").orElseThrow();
        assertTrue(date.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), date);
        List<SseEvent> events = Sse.parse(r.body());
        assertEquals(4, events.size(), r.body());
        StringBuilder text = new StringBuilder();
        for (SseEvent e : events.subList(0, 3)) {
            JsonNode chunk = Json.MAPPER.readTree(e.data());
            assertEquals("my-model", chunk.path("model").asText());
            text.append(chunk.at("/choices/0/delta/content").asText());
        }
        assertEquals("Hello", text.toString());
        assertEquals("[DONE]", events.get(3).dataText());
        JsonNode sent = Json.MAPPER.readTree(proxy.upstream().takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        assertTrue(sent.at("/stream_options/include_usage").asBoolean(), "usage is requested from the upstream");
    }

    @Test
    void rotatesUpstreamKeysRoundRobin() throws Exception {
        for (int i = 0; i < 6; i++) {
            proxy.upstream().enqueue(json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,"
                    + "\"model\":\"upstream-model-x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}"));
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            assertEquals(200, proxy.post("/v1/chat/completions", KEY,
                    "{\"model\":\"my-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode());
            keys.add(proxy.upstream().takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"));
        }
        assertEquals(keys.subList(0, 3), keys.subList(3, 6), "the same rotation repeats");
        assertEquals(3, keys.subList(0, 3).stream().distinct().count(), "each key used once per round: " + keys);
    }

    @Test
    void relaysUpstreamClientErrorWithItsStatusAndBodyWithoutRetry() throws Exception {
        proxy.upstream().enqueue(json(400, "{\"error\":{\"message\":\"bad temperature\","
                + "\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}"));

        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY,
                "{\"model\":\"my-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":9}");

        assertEquals(400, r.statusCode());
        assertEquals("bad temperature", Json.MAPPER.readTree(r.body()).at("/error/message").asText());
        assertEquals(1, proxy.upstream().getRequestCount(), "a client fault is not retried");
    }

    @Test
    void relaysServerErrorAfterTryingEveryKey() throws Exception {
        for (int i = 0; i < 3; i++) {
            proxy.upstream().enqueue(json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
        }

        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY,
                "{\"model\":\"my-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertEquals(503, r.statusCode(), r.body());
        assertEquals("overloaded", Json.MAPPER.readTree(r.body()).at("/error/message").asText());
        assertEquals(3, proxy.upstream().getRequestCount(), "each key tried once");
        assertEquals("60", r.headers().firstValue("Retry-After").orElse(""),
                "every key now cools for the 60 s transient cooldown");
    }

    @Test
    void answersUnknownModelWith404NamingTheModel() throws Exception {
        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY,
                "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertEquals(404, r.statusCode());
        JsonNode error = Json.MAPPER.readTree(r.body()).path("error");
        assertTrue(error.path("message").asText().contains("no-such-model"));
        assertEquals("model_not_found", error.path("code").asText());
    }

    @Test
    void listsAliasesInOpenAiShape() throws Exception {
        HttpResponse<String> r = proxy.get("/v1/models", KEY);

        assertEquals(200, r.statusCode());
        JsonNode list = Json.MAPPER.readTree(r.body());
        assertEquals("list", list.path("object").asText());
        assertEquals("my-model", list.at("/data/0/id").asText());
        assertEquals("model", list.at("/data/0/object").asText());
    }
}
