package dev.cliproxy.host.matrix;

import static dev.cliproxy.host.matrix.ClientDialect.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.host.testing.Sse;
import dev.cliproxy.host.testing.TestProxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI Responses, as the openai SDKs' response stream reads it: {@code response.created} then
 * {@code response.in_progress}, strictly increasing {@code sequence_number}s, event names equal to {@code type},
 * function-call arguments as deltas then {@code .done} with the whole text, and exactly one terminal
 * {@code response.completed} last, whose {@code response.output} holds every item.
 */
final class ResponsesClient implements ClientDialect {

    @Override
    public HttpRequest request(TestProxy proxy, String key, String model, Scenario scenario, boolean stream,
                               String marker) {
        String input = switch (scenario) {
            case TEXT -> "[{\"role\":\"user\",\"content\":\"Say hello " + marker + "\"}]";
            case TOOL -> "[{\"role\":\"user\",\"content\":\"What is the weather in Paris? " + marker + "\"},"
                    + "{\"type\":\"function_call\",\"call_id\":\"call_paris_1\",\"name\":\"get_weather\","
                    + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"},"
                    + "{\"type\":\"function_call_output\",\"call_id\":\"call_paris_1\",\"output\":"
                    + quote(Scenario.PREVIOUS_RESULT) + "},"
                    + "{\"role\":\"user\",\"content\":\"And in Rome?\"}]";
        };
        String tools = scenario == Scenario.TOOL ? ",\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\","
                + "\"description\":" + quote(DESCRIPTION) + ",\"parameters\":" + PARAMETERS + "}]" : "";
        String body = "{\"model\":" + quote(model) + ",\"instructions\":" + quote(Scenario.SYSTEM) + ",\"input\":"
                + input + tools + (stream ? ",\"stream\":true" : "") + "}";
        return ClientDialect.post(proxy, "/v1/responses", body).header("Authorization", "Bearer " + key).build();
    }

    @Override
    public ClientAnswer read(HttpResponse<String> r, boolean stream) {
        return stream ? readStream(r) : fromResponse(ClientDialect.jsonOk(r), new ClientAnswer(), true);
    }

    private static ClientAnswer fromResponse(JsonNode response, ClientAnswer a, boolean collectText) {
        assertEquals("response", response.path("object").asText(), response.toString());
        assertEquals("completed", response.path("status").asText(), response.toString());
        boolean calls = false;
        for (JsonNode item : response.path("output")) {
            switch (item.path("type").asText()) {
                case "message" -> {
                    for (JsonNode part : item.path("content")) {
                        if (collectText) {
                            a.text.append(part.path("text").asText());
                        }
                    }
                }
                case "reasoning" -> {
                    for (JsonNode s : item.path("summary")) {
                        if (collectText) {
                            a.reasoning.append(s.path("text").asText());
                        }
                    }
                    if (collectText && item.hasNonNull("encrypted_content")) {
                        a.signatures.add(item.path("encrypted_content").asText());
                    }
                }
                case "function_call" -> {
                    calls = true;
                    assertFalse(item.path("call_id").asText().isEmpty(), "call_id");
                    if (collectText) {
                        a.tool(item.path("call_id").asText(), item.path("name").asText(),
                                item.path("arguments").asText());
                    }
                }
                default -> fail("unknown output item " + item);
            }
        }
        if (collectText) {
            assertTrue(response.at("/usage/output_tokens").asInt() > 0, "usage: " + response);
        }
        a.finish = calls ? "tool_calls" : "stop";
        return a;
    }

    private static ClientAnswer readStream(HttpResponse<String> r) {
        ClientDialect.assertSse(r);
        List<SseEvent> events = Sse.parse(r.body());
        assertEquals("response.created", events.get(0).event(), r.body());
        assertEquals("response.in_progress", events.get(1).event(), r.body());
        assertEquals("response.completed", events.get(events.size() - 1).event(), "terminal event last: " + r.body());
        ClientAnswer a = new ClientAnswer();
        long seq = -1;
        Map<String, String[]> calls = new LinkedHashMap<>();
        JsonNode completed = null;
        for (SseEvent e : events) {
            JsonNode d = ClientDialect.data(e);
            assertEquals(e.event(), d.path("type").asText(), "event name equals type: " + e);
            assertTrue(d.path("sequence_number").asLong(-1) > seq, "sequence numbers increase: " + e);
            seq = d.path("sequence_number").asLong();
            switch (e.event()) {
                case "response.output_text.delta" -> a.text.append(d.path("delta").asText());
                case "response.reasoning_summary_text.delta" -> a.reasoning.append(d.path("delta").asText());
                case "response.output_item.added" -> {
                    JsonNode item = d.path("item");
                    if (item.path("type").asText().equals("function_call")) {
                        calls.put(item.path("id").asText(), new String[] {item.path("call_id").asText(),
                                item.path("name").asText(), ""});
                    }
                }
                case "response.function_call_arguments.delta" -> {
                    String[] c = calls.get(d.path("item_id").asText());
                    assertNotNull(c, "arguments of a known call: " + e);
                    c[2] += d.path("delta").asText();
                    a.fragment(d.path("delta").asText());
                }
                case "response.function_call_arguments.done" ->
                        assertEquals(calls.get(d.path("item_id").asText())[2], d.path("arguments").asText(),
                                "done carries the whole arguments");
                case "response.output_item.done" -> {
                    JsonNode item = d.path("item");
                    if (item.path("type").asText().equals("reasoning") && item.hasNonNull("encrypted_content")) {
                        a.signatures.add(item.path("encrypted_content").asText());
                    }
                }
                case "response.completed" -> completed = d.path("response");
                case "error", "response.failed", "response.incomplete" -> fail("stream failed: " + e.dataText());
                default -> { }
            }
        }
        calls.values().forEach(c -> a.tool(c[0], c[1], c[2]));
        fromResponse(completed, a, false);
        return a;
    }

    @Override
    public String errorMessage(String body) {
        JsonNode error = Json.parse(body.getBytes()).path("error");
        assertTrue(error.isObject() && error.has("message") && error.has("type"), "OpenAI error shape: " + body);
        return error.path("message").asText();
    }

    @Override
    public boolean isStreamError(String eventName, JsonNode data) {
        return "error".equals(eventName) || "response.failed".equals(eventName);
    }
}
