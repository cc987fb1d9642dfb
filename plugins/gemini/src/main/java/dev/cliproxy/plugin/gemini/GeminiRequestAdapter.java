package dev.cliproxy.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.formats.Json;

/**
 * Shapes token-count bodies for {@code models/{m}:countTokens}, which takes either {@code {"contents":[...]}} or
 * {@code {"generateContentRequest":{"model":"models/{m}", ...}}} (never both). A body of contents alone is sent as
 * it is; a whole generate request (system instruction, tools, config) is wrapped in {@code generateContentRequest}
 * with the upstream model, so that everything that costs input tokens is counted. Generate bodies pass unchanged.
 */
final class GeminiRequestAdapter {

    static final GeminiRequestAdapter INSTANCE = new GeminiRequestAdapter();

    private static final String WRAPPER = "generateContentRequest";

    /** The body to send for {@code call}: {@code body} itself when nothing changes. */
    byte[] adapt(UpstreamCall call, byte[] body) {
        if (call.operation() != Operation.COUNT_TOKENS || !(Json.parse(body) instanceof ObjectNode root)) {
            return body;
        }
        String model = "models/" + (call.model().startsWith("models/")
                ? call.model().substring("models/".length()) : call.model());
        JsonNode wrapped = root.get(WRAPPER);
        if (wrapped instanceof ObjectNode request) {
            if (model.equals(request.path("model").asText())) {
                return body;
            }
            request.put("model", model);
            return Json.write(root);
        }
        boolean hadModel = root.remove("model") != null;
        if (root.size() == 1 && root.has("contents")) {
            return hadModel ? Json.write(root) : body;
        }
        ObjectNode request = Json.object().put("model", model);
        request.setAll(root);
        ObjectNode out = Json.object();
        out.set(WRAPPER, request);
        return Json.write(out);
    }
}
