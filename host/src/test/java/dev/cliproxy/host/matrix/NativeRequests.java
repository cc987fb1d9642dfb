package dev.cliproxy.host.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import mockwebserver3.RecordedRequest;

/**
 * Checks that an upstream received a valid native request: its endpoint and credentials, the upstream model, the
 * marker text, and for the tool scenario the tool definition and the earlier call with its result, joined by one
 * call id (or name, for Gemini).
 */
final class NativeRequests {

    private NativeRequests() {
    }

    static void check(UpstreamKind kind, RecordedRequest r, Scenario scenario, boolean stream, String marker) {
        assertNotNull(r, "the " + kind + " upstream received no request");
        JsonNode body = Json.parse(r.getBody().toByteArray());
        assertTrue(body.toString().contains(marker), "the marker text reached the upstream: " + body);
        switch (kind) {
            case CLAUDE -> claude(r, body, scenario, stream);
            case GEMINI -> gemini(r, body, scenario, stream);
            case CODEX -> codex(r, body, scenario);
            case COMPAT -> compat(r, body, scenario, stream);
        }
    }

    private static void claude(RecordedRequest r, JsonNode body, Scenario scenario, boolean stream) {
        assertEquals("/claude/v1/messages", r.getUrl().encodedPath());
        assertEquals(UpstreamKind.CLAUDE.key, r.getHeaders().get("x-api-key"));
        assertEquals("2023-06-01", r.getHeaders().get("anthropic-version"));
        assertEquals(UpstreamKind.CLAUDE.model, body.path("model").asText());
        assertTrue(body.path("max_tokens").asInt() > 0, "max_tokens");
        assertEquals(stream, body.path("stream").asBoolean(false), "stream flag");
        assertEquals("user", body.at("/messages/0/role").asText());
        if (scenario == Scenario.TOOL) {
            assertEquals(Scenario.TOOL_NAME, body.at("/tools/0/name").asText(), body.toString());
            assertEquals("string", body.at("/tools/0/input_schema/properties/city/type").asText());
            JsonNode use = find(body.path("messages"), "assistant", "tool_use");
            assertEquals("Paris", use.at("/input/city").asText());
            JsonNode result = find(body.path("messages"), "user", "tool_result");
            assertEquals(use.path("id").asText(), result.path("tool_use_id").asText(), "one call id: " + body);
            assertTrue(result.toString().contains(Scenario.PREVIOUS_RESULT), result.toString());
        }
    }

    private static void gemini(RecordedRequest r, JsonNode body, Scenario scenario, boolean stream) {
        String method = stream ? ":streamGenerateContent" : ":generateContent";
        assertEquals("/gemini/v1beta/models/" + UpstreamKind.GEMINI.model + method, r.getUrl().encodedPath());
        assertEquals(stream ? "sse" : null, r.getUrl().queryParameter("alt"));
        assertEquals(UpstreamKind.GEMINI.key, r.getHeaders().get("x-goog-api-key"));
        assertEquals("user", body.at("/contents/0/role").asText());
        assertTrue(body.at("/systemInstruction/parts/0/text").asText().contains(Scenario.SYSTEM), body.toString());
        if (scenario == Scenario.TOOL) {
            assertEquals(Scenario.TOOL_NAME, body.at("/tools/0/functionDeclarations/0/name").asText(),
                    body.toString());
            JsonNode call = findPart(body.path("contents"), "model", "functionCall");
            assertEquals("Paris", call.at("/args/city").asText());
            JsonNode response = findPart(body.path("contents"), "user", "functionResponse");
            assertEquals(call.path("name").asText(), response.path("name").asText());
            if (call.has("id") && response.has("id")) {
                assertEquals(call.path("id").asText(), response.path("id").asText(), "one call id: " + body);
            }
            assertTrue(response.toString().contains(Scenario.PREVIOUS_RESULT), response.toString());
        }
    }

    private static void codex(RecordedRequest r, JsonNode body, Scenario scenario) {
        assertEquals("/codex/v1/responses", r.getUrl().encodedPath());
        assertEquals("Bearer " + UpstreamKind.CODEX.key, r.getHeaders().get("Authorization"));
        assertEquals(UpstreamKind.CODEX.model, body.path("model").asText());
        assertTrue(body.path("stream").asBoolean(), "the Codex backend is always asked to stream");
        assertFalse(body.path("store").asBoolean(true), "store:false");
        assertTrue(body.path("instructions").isTextual(), "instructions present");
        assertFalse(body.has("max_output_tokens") || body.has("temperature") || body.has("top_p"), body.toString());
        if (scenario == Scenario.TOOL) {
            JsonNode tool = body.at("/tools/0");
            assertEquals("function", tool.path("type").asText());
            assertEquals(Scenario.TOOL_NAME, tool.path("name").asText(), body.toString());
            JsonNode call = findItem(body.path("input"), "function_call");
            assertTrue(call.path("arguments").asText().contains("Paris"));
            JsonNode output = findItem(body.path("input"), "function_call_output");
            assertEquals(call.path("call_id").asText(), output.path("call_id").asText(), "one call id: " + body);
            assertTrue(output.toString().contains(Scenario.PREVIOUS_RESULT), output.toString());
        }
    }

    private static void compat(RecordedRequest r, JsonNode body, Scenario scenario, boolean stream) {
        assertEquals("/compat/v1/chat/completions", r.getUrl().encodedPath());
        assertEquals("Bearer " + UpstreamKind.COMPAT.key, r.getHeaders().get("Authorization"));
        assertEquals("compat-upstream", body.path("model").asText());
        assertEquals(stream, body.path("stream").asBoolean(false), "stream flag");
        if (stream) {
            assertTrue(body.at("/stream_options/include_usage").asBoolean(), "usage asked for");
        }
        if (scenario == Scenario.TOOL) {
            assertEquals(Scenario.TOOL_NAME, body.at("/tools/0/function/name").asText(), body.toString());
            JsonNode call = null;
            JsonNode result = null;
            for (JsonNode m : body.path("messages")) {
                if (m.has("tool_calls")) {
                    call = m.at("/tool_calls/0");
                }
                if ("tool".equals(m.path("role").asText())) {
                    result = m;
                }
            }
            assertNotNull(call, "assistant tool call in history: " + body);
            assertNotNull(result, "tool result in history: " + body);
            assertTrue(call.at("/function/arguments").asText().contains("Paris"));
            assertEquals(call.path("id").asText(), result.path("tool_call_id").asText(), "one call id: " + body);
            assertTrue(result.toString().contains(Scenario.PREVIOUS_RESULT), result.toString());
        }
    }

    private static JsonNode find(JsonNode messages, String role, String type) {
        for (JsonNode m : messages) {
            if (role.equals(m.path("role").asText())) {
                for (JsonNode b : m.path("content")) {
                    if (type.equals(b.path("type").asText())) {
                        return b;
                    }
                }
            }
        }
        throw new AssertionError("no " + role + " " + type + " block in " + messages);
    }

    private static JsonNode findPart(JsonNode contents, String role, String field) {
        for (JsonNode c : contents) {
            if (role.equals(c.path("role").asText())) {
                for (JsonNode p : c.path("parts")) {
                    if (p.has(field)) {
                        return p.get(field);
                    }
                }
            }
        }
        throw new AssertionError("no " + role + " " + field + " part in " + contents);
    }

    private static JsonNode findItem(JsonNode input, String type) {
        for (JsonNode item : input) {
            if (type.equals(item.path("type").asText())) {
                return item;
            }
        }
        throw new AssertionError("no " + type + " item in " + input);
    }
}
