package dev.cliproxy.host.matrix;

import static dev.cliproxy.host.matrix.ClientDialect.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.host.testing.Sse;
import dev.cliproxy.host.testing.TestProxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenAI Chat Completions, as the openai-python / openai-node SDKs read it: chunks of
 * {@code chat.completion.chunk} with one id, tool-call fragments keyed by index (id and name first), a finish
 * reason, then {@code data: [DONE]} and nothing after. A chunk holding {@code error} is an error.
 */
final class OpenAiChatClient implements ClientDialect {

    @Override
    public HttpRequest request(TestProxy proxy, String key, String model, Scenario scenario, boolean stream,
                               String marker) {
        String messages = switch (scenario) {
            case TEXT -> "[{\"role\":\"system\",\"content\":" + quote(Scenario.SYSTEM) + "},"
                    + "{\"role\":\"user\",\"content\":\"Say hello " + marker + "\"}]";
            case TOOL -> "[{\"role\":\"system\",\"content\":" + quote(Scenario.SYSTEM) + "},"
                    + "{\"role\":\"user\",\"content\":\"What is the weather in Paris? " + marker + "\"},"
                    + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_paris_1\","
                    + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                    + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                    + "{\"role\":\"tool\",\"tool_call_id\":\"call_paris_1\",\"content\":"
                    + quote(Scenario.PREVIOUS_RESULT) + "},"
                    + "{\"role\":\"user\",\"content\":\"And in Rome?\"}]";
        };
        String tools = scenario == Scenario.TOOL ? ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
                + "\"get_weather\",\"description\":" + quote(DESCRIPTION) + ",\"parameters\":" + PARAMETERS + "}}]"
                : "";
        String body = "{\"model\":" + quote(model) + ",\"messages\":" + messages + tools
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
        return ClientDialect.post(proxy, "/v1/chat/completions", body).header("Authorization", "Bearer " + key)
                .build();
    }

    @Override
    public ClientAnswer read(HttpResponse<String> r, boolean stream) {
        return stream ? readStream(r) : readWhole(r);
    }

    private static ClientAnswer readWhole(HttpResponse<String> r) {
        JsonNode root = ClientDialect.jsonOk(r);
        assertEquals("chat.completion", root.path("object").asText(), r.body());
        assertFalse(root.path("id").asText().isEmpty(), "completion id");
        JsonNode choice = root.at("/choices/0");
        JsonNode message = choice.path("message");
        assertEquals("assistant", message.path("role").asText());
        ClientAnswer a = new ClientAnswer();
        a.text.append(message.path("content").asText(""));
        a.reasoning.append(message.path("reasoning_content").asText(""));
        for (JsonNode tc : message.path("tool_calls")) {
            assertEquals("function", tc.path("type").asText());
            assertFalse(tc.path("id").asText().isEmpty(), "tool call id");
            a.tool(tc.path("id").asText(), tc.at("/function/name").asText(), tc.at("/function/arguments").asText());
        }
        a.finish = choice.path("finish_reason").asText(null);
        assertTrue(root.at("/usage/completion_tokens").asInt() > 0, "usage: " + r.body());
        return a;
    }

    private static ClientAnswer readStream(HttpResponse<String> r) {
        ClientDialect.assertSse(r);
        List<SseEvent> events = Sse.parse(r.body());
        assertFalse(events.isEmpty(), "no events");
        assertEquals("[DONE]", events.get(events.size() - 1).dataText(), "stream must end with [DONE]: " + r.body());
        ClientAnswer a = new ClientAnswer();
        Map<Integer, String[]> tools = new TreeMap<>();
        String id = null;
        for (SseEvent e : events.subList(0, events.size() - 1)) {
            assertFalse(e.dataEquals("[DONE]"), "[DONE] before the end");
            JsonNode chunk = ClientDialect.data(e);
            if (chunk.has("error")) {
                fail("stream error: " + e.dataText());
            }
            assertEquals("chat.completion.chunk", chunk.path("object").asText(), e.dataText());
            id = id == null ? chunk.path("id").asText() : id;
            assertEquals(id, chunk.path("id").asText(), "one id per stream");
            JsonNode choice = chunk.at("/choices/0");
            if (choice.isMissingNode()) {
                continue; // the usage chunk
            }
            assertTrue(a.finish == null, "content after the finish chunk: " + e.dataText());
            JsonNode delta = choice.path("delta");
            a.text.append(delta.path("content").asText(""));
            a.reasoning.append(delta.path("reasoning_content").asText(""));
            for (JsonNode tc : delta.path("tool_calls")) {
                String[] t = tools.get(tc.path("index").asInt());
                if (t == null) {
                    assertFalse(tc.path("id").asText().isEmpty(), "first tool-call fragment carries the id");
                    assertFalse(tc.at("/function/name").asText().isEmpty(), "first fragment carries the name");
                    t = new String[] {tc.path("id").asText(), tc.at("/function/name").asText(), ""};
                    tools.put(tc.path("index").asInt(), t);
                }
                t[2] += tc.at("/function/arguments").asText("");
                a.fragment(tc.at("/function/arguments").asText(""));
            }
            if (!choice.path("finish_reason").isNull() && !choice.path("finish_reason").isMissingNode()) {
                a.finish = choice.path("finish_reason").asText();
            }
        }
        assertNotNull(a.finish, "no finish_reason in stream: " + r.body());
        tools.values().forEach(t -> a.tool(t[0], t[1], t[2]));
        return a;
    }

    @Override
    public String errorMessage(String body) {
        JsonNode error = dev.cliproxy.formats.Json.parse(body.getBytes()).path("error");
        assertTrue(error.isObject(), "OpenAI error shape: " + body);
        assertTrue(error.has("type") && error.has("message") && error.has("code"), "OpenAI error fields: " + body);
        return error.path("message").asText();
    }

    @Override
    public boolean isStreamError(String eventName, JsonNode data) {
        return data.path("error").isObject();
    }
}
