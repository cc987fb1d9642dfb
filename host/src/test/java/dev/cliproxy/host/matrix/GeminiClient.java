package dev.cliproxy.host.matrix;

import static dev.cliproxy.host.matrix.ClientDialect.quote;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * Gemini generateContent, as google-genai reads {@code streamGenerateContent?alt=sse}: unnamed events, each a
 * whole {@code GenerateContentResponse} with content (the SDK drops empty chunks), function calls whole with
 * object {@code args}, and {@code finishReason} on the last chunk only.
 */
final class GeminiClient implements ClientDialect {

    @Override
    public HttpRequest request(TestProxy proxy, String key, String model, Scenario scenario, boolean stream,
                               String marker) {
        String contents = switch (scenario) {
            case TEXT -> "[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hello " + marker + "\"}]}]";
            case TOOL -> "[{\"role\":\"user\",\"parts\":[{\"text\":\"What is the weather in Paris? " + marker
                    + "\"}]},{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_weather\","
                    + "\"args\":{\"city\":\"Paris\"}}}]},"
                    + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"get_weather\",\"response\":"
                    + "{\"result\":" + quote(Scenario.PREVIOUS_RESULT) + "}}},{\"text\":\"And in Rome?\"}]}]";
        };
        String tools = scenario == Scenario.TOOL ? ",\"tools\":[{\"functionDeclarations\":[{\"name\":"
                + "\"get_weather\",\"description\":" + quote(DESCRIPTION) + ",\"parameters\":" + PARAMETERS + "}]}]"
                : "";
        String body = "{\"systemInstruction\":{\"parts\":[{\"text\":" + quote(Scenario.SYSTEM) + "}]},"
                + "\"contents\":" + contents + tools + "}";
        String path = "/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        return ClientDialect.post(proxy, path, body).header("x-goog-api-key", key).build();
    }

    @Override
    public ClientAnswer read(HttpResponse<String> r, boolean stream) {
        ClientAnswer a = new ClientAnswer();
        if (!stream) {
            JsonNode root = ClientDialect.jsonOk(r);
            chunk(root, a, true);
            assertTrue(root.at("/usageMetadata/candidatesTokenCount").asInt() > 0, "usage: " + r.body());
            return a;
        }
        ClientDialect.assertSse(r);
        List<SseEvent> events = Sse.parse(r.body());
        assertFalse(events.isEmpty(), "no chunks");
        for (int i = 0; i < events.size(); i++) {
            SseEvent e = events.get(i);
            assertNull(e.event(), "Gemini chunks are unnamed events: " + e);
            chunk(ClientDialect.data(e), a, i == events.size() - 1);
        }
        return a;
    }

    private static void chunk(JsonNode root, ClientAnswer a, boolean last) {
        if (root.has("error")) {
            fail("error: " + root);
        }
        JsonNode candidate = root.at("/candidates/0");
        JsonNode parts = candidate.at("/content/parts");
        assertTrue(parts.isArray() && !parts.isEmpty() || last, "every chunk carries content: " + root);
        for (JsonNode p : parts) {
            if (p.has("functionCall")) {
                JsonNode fc = p.path("functionCall");
                assertTrue(fc.path("args").isObject(), "functionCall.args is an object: " + p);
                a.tool(fc.path("id").asText(""), fc.path("name").asText(), fc.path("args").toString());
            } else if (p.path("thought").asBoolean(false)) {
                a.reasoning.append(p.path("text").asText());
            } else {
                a.text.append(p.path("text").asText(""));
            }
            if (p.has("thoughtSignature")) {
                a.signatures.add(p.path("thoughtSignature").asText());
            }
        }
        String finish = candidate.path("finishReason").asText(null);
        if (last) {
            assertNotNull(finish, "finishReason on the last chunk: " + root);
            boolean calls = !a.toolCalls.isEmpty();
            a.finish = finish.equals("STOP") ? (calls ? "tool_calls" : "stop")
                    : finish.equals("MAX_TOKENS") ? "length" : finish;
        } else {
            assertNull(finish, "finishReason only on the last chunk: " + root);
        }
    }

    @Override
    public String errorMessage(String body) {
        JsonNode error = Json.parse(body.getBytes()).path("error");
        assertTrue(error.path("code").isInt() && error.path("message").isTextual() && error.path("status").isTextual(),
                "Gemini error shape: " + body);
        return error.path("message").asText();
    }

    @Override
    public boolean isStreamError(String eventName, JsonNode data) {
        return data.path("error").isObject();
    }
}
