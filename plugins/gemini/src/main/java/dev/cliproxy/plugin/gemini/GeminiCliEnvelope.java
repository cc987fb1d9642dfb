package dev.cliproxy.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.AnswerAdapter;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.formats.ByteSearch;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;

/**
 * The cloudcode-pa envelope around Gemini bodies. Requests go out as
 * {@code {"model","project","request":{<generateContent body>}}} ({@code {"request":{"model":"models/m","contents"}}}
 * for token counts), with {@code system_instruction} spelled {@code systemInstruction} and function
 * {@code parameters} sent as {@code parametersJsonSchema}, as the Gemini CLI does. Answers, whole and every stream
 * event, come back as {@code {"response":{...}}} and are unwrapped for the Gemini codec.
 */
final class GeminiCliEnvelope implements AnswerAdapter {

    static final GeminiCliEnvelope INSTANCE = new GeminiCliEnvelope();

    private static final byte[] RESPONSE = "\"response\"".getBytes(StandardCharsets.US_ASCII);

    private GeminiCliEnvelope() {
    }

    /** The enveloped request body for {@code call} on {@code project}. */
    static byte[] wrap(UpstreamCall call, String project) {
        ObjectNode request = Json.parse(call.body()) instanceof ObjectNode o ? o : Json.object();
        request.remove("model");
        ObjectNode out = Json.object();
        if (call.operation() == Operation.COUNT_TOKENS) {
            ObjectNode count = out.putObject("request");
            count.put("model", "models/" + GeminiProvider.pathSegment(call.model()));
            count.set("contents", request.path("contents").isArray() ? request.get("contents")
                    : request.path("generateContentRequest").path("contents"));
            return Json.write(out);
        }
        JsonNode system = request.remove("system_instruction");
        if (system != null && !request.has("systemInstruction")) {
            request.set("systemInstruction", system);
        }
        for (JsonNode tool : request.path("tools")) {
            for (JsonNode fn : tool.path("functionDeclarations")) {
                if (fn instanceof ObjectNode f && f.has("parameters") && !f.has("parametersJsonSchema")) {
                    f.set("parametersJsonSchema", f.remove("parameters"));
                }
            }
        }
        out.put("model", call.model().startsWith("models/") ? call.model().substring(7) : call.model());
        out.put("project", project);
        out.set("request", request);
        return Json.write(out);
    }

    @Override
    public byte[] body(UpstreamCall call, byte[] body) {
        return unwrap(body);
    }

    @Override
    public byte[] event(UpstreamCall call, byte[] data) {
        return unwrap(data);
    }

    /** {@code {"response": X, ...}} -> X; anything else (an error object...) unchanged. */
    static byte[] unwrap(byte[] data) {
        if (!ByteSearch.contains(data, RESPONSE)) {
            return data;
        }
        JsonNode inner = Json.parse(data).get("response");
        return inner != null && inner.isObject() ? Json.write(inner) : data;
    }
}
