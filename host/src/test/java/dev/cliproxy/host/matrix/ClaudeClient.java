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
import java.util.List;

/**
 * Anthropic Messages, as the anthropic SDKs' stream accumulator reads it: {@code message_start} first, blocks that
 * never interleave with indexes counting from 0 ({@code content_block_start}, deltas of the block's own kind,
 * {@code content_block_stop}), {@code message_delta} with the stop reason, {@code message_stop} last; each event's
 * name equals its {@code type}.
 */
final class ClaudeClient implements ClientDialect {

    @Override
    public HttpRequest request(TestProxy proxy, String key, String model, Scenario scenario, boolean stream,
                               String marker) {
        String messages = switch (scenario) {
            case TEXT -> "[{\"role\":\"user\",\"content\":\"Say hello " + marker + "\"}]";
            case TOOL -> "[{\"role\":\"user\",\"content\":\"What is the weather in Paris? " + marker + "\"},"
                    + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_paris_1\","
                    + "\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}]},"
                    + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_paris_1\","
                    + "\"content\":" + quote(Scenario.PREVIOUS_RESULT) + "},"
                    + "{\"type\":\"text\",\"text\":\"And in Rome?\"}]}]";
        };
        String tools = scenario == Scenario.TOOL ? ",\"tools\":[{\"name\":\"get_weather\",\"description\":"
                + quote(DESCRIPTION) + ",\"input_schema\":" + PARAMETERS + "}]" : "";
        String body = "{\"model\":" + quote(model) + ",\"max_tokens\":1024,\"system\":" + quote(Scenario.SYSTEM)
                + ",\"messages\":" + messages + tools + (stream ? ",\"stream\":true" : "") + "}";
        return ClientDialect.post(proxy, "/v1/messages", body).header("x-api-key", key)
                .header("anthropic-version", "2023-06-01").build();
    }

    @Override
    public ClientAnswer read(HttpResponse<String> r, boolean stream) {
        return stream ? readStream(r) : readWhole(r);
    }

    private static ClientAnswer readWhole(HttpResponse<String> r) {
        JsonNode root = ClientDialect.jsonOk(r);
        assertEquals("message", root.path("type").asText(), r.body());
        assertEquals("assistant", root.path("role").asText());
        assertFalse(root.path("id").asText().isEmpty());
        ClientAnswer a = new ClientAnswer();
        for (JsonNode block : root.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> a.text.append(block.path("text").asText());
                case "thinking" -> {
                    a.reasoning.append(block.path("thinking").asText());
                    a.signatures.add(block.path("signature").asText());
                }
                case "tool_use" -> {
                    assertTrue(block.path("input").isObject(), "tool_use input is an object");
                    a.tool(block.path("id").asText(), block.path("name").asText(), block.path("input").toString());
                }
                case "redacted_thinking" -> { }
                default -> fail("unknown content block " + block);
            }
        }
        a.finish = finish(root.path("stop_reason").asText(null));
        assertTrue(root.at("/usage/output_tokens").asInt() > 0, "usage: " + r.body());
        return a;
    }

    private static ClientAnswer readStream(HttpResponse<String> r) {
        ClientDialect.assertSse(r);
        List<SseEvent> events = Sse.parse(r.body());
        assertEquals("message_start", events.get(0).event(), r.body());
        assertEquals("message_stop", events.get(events.size() - 1).event(), "stream must end with message_stop");
        ClientAnswer a = new ClientAnswer();
        int open = -1;
        int next = 0;
        String openType = null;
        StringBuilder args = null;
        String[] tool = null;
        boolean delta = false;
        for (SseEvent e : events) {
            JsonNode d = ClientDialect.data(e);
            assertEquals(e.event(), d.path("type").asText(), "event name equals data.type: " + e);
            switch (e.event()) {
                case "message_start" -> assertEquals("message", d.at("/message/type").asText());
                case "ping", "message_stop" -> { }
                case "content_block_start" -> {
                    assertEquals(-1, open, "blocks never interleave");
                    assertEquals(next, d.path("index").asInt(), "block indexes count from 0");
                    open = next++;
                    JsonNode block = d.path("content_block");
                    openType = block.path("type").asText();
                    if (openType.equals("tool_use")) {
                        tool = new String[] {block.path("id").asText(), block.path("name").asText()};
                        assertFalse(tool[0].isEmpty(), "tool_use id");
                        args = new StringBuilder();
                    }
                }
                case "content_block_delta" -> {
                    assertEquals(open, d.path("index").asInt(), "delta of the open block");
                    JsonNode dl = d.path("delta");
                    switch (dl.path("type").asText()) {
                        case "text_delta" -> {
                            assertEquals("text", openType);
                            a.text.append(dl.path("text").asText());
                        }
                        case "thinking_delta" -> {
                            assertEquals("thinking", openType);
                            a.reasoning.append(dl.path("thinking").asText());
                        }
                        case "signature_delta" -> {
                            assertEquals("thinking", openType);
                            a.signatures.add(dl.path("signature").asText());
                        }
                        case "input_json_delta" -> {
                            assertEquals("tool_use", openType);
                            args.append(dl.path("partial_json").asText());
                            a.fragment(dl.path("partial_json").asText());
                        }
                        default -> fail("unknown delta " + dl);
                    }
                }
                case "content_block_stop" -> {
                    assertEquals(open, d.path("index").asInt(), "stop of the open block");
                    if ("tool_use".equals(openType)) {
                        a.tool(tool[0], tool[1], args.isEmpty() ? "{}" : args.toString());
                    }
                    open = -1;
                    openType = null;
                }
                case "message_delta" -> {
                    assertEquals(-1, open, "message_delta after the last block closed");
                    a.finish = finish(d.at("/delta/stop_reason").asText(null));
                    assertTrue(d.at("/usage/output_tokens").isNumber(), "message_delta usage");
                    delta = true;
                }
                case "error" -> fail("stream error: " + e.dataText());
                default -> fail("unknown event " + e);
            }
        }
        assertTrue(delta, "message_delta present");
        assertNotNull(a.finish, "stop_reason present");
        return a;
    }

    private static String finish(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> "stop";
            case "tool_use" -> "tool_calls";
            case "max_tokens" -> "length";
            default -> stopReason;
        };
    }

    @Override
    public String errorMessage(String body) {
        JsonNode root = Json.parse(body.getBytes());
        assertEquals("error", root.path("type").asText(), "Anthropic error shape: " + body);
        assertTrue(root.at("/error/type").isTextual() && root.at("/error/message").isTextual(), body);
        return root.at("/error/message").asText();
    }

    @Override
    public boolean isStreamError(String eventName, JsonNode data) {
        return "error".equals(eventName) && "error".equals(data.path("type").asText());
    }
}
