package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ByteSearch;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Signature;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * Cleans tagged signatures out of a Gemini request body passed through untranslated. A tagged signature whose
 * origin is Gemini is unwrapped to its raw value. A foreign one: thought parts are removed; a function call keeps
 * going, with the documented dummy signature when it is the first call of its turn (Gemini 3 requires one there)
 * and without a signature otherwise; any other part just loses the signature.
 */
final class GeminiReasoningFilter {

    private static final byte[] TAG = Signature.TAG.getBytes(StandardCharsets.US_ASCII);

    private GeminiReasoningFilter() {
    }

    static byte[] filter(byte[] body) {
        if (body == null || !ByteSearch.contains(body, TAG)) {
            return body;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            return body;
        }
        if (root == null || !root.isObject()) {
            return body;
        }
        JsonNode request = GeminiField.GENERATE_CONTENT_REQUEST.in(root);
        boolean changed = filterContents(GeminiField.CONTENTS.in(root));
        changed |= request != null && filterContents(GeminiField.CONTENTS.in(request));
        return changed ? Json.write(root) : body;
    }

    private static boolean filterContents(JsonNode contents) {
        if (contents == null || !contents.isArray()) {
            return false;
        }
        boolean changed = false;
        Iterator<JsonNode> it = contents.iterator();
        while (it.hasNext()) {
            JsonNode parts = GeminiField.PARTS.in(it.next());
            if (parts instanceof ArrayNode array && filterParts(array)) {
                changed = true;
                if (array.isEmpty()) {
                    it.remove();
                }
            }
        }
        return changed;
    }

    private static boolean filterParts(ArrayNode parts) {
        boolean changed = false;
        boolean firstCall = true;
        Iterator<JsonNode> it = parts.iterator();
        while (it.hasNext()) {
            JsonNode part = it.next();
            if (!(part instanceof ObjectNode p)) {
                continue;
            }
            boolean isCall = GeminiField.FUNCTION_CALL.presentIn(p);
            String field = p.has(GeminiField.THOUGHT_SIGNATURE.camel) ? GeminiField.THOUGHT_SIGNATURE.camel
                    : GeminiField.THOUGHT_SIGNATURE.snake;
            JsonNode raw = p.get(field);
            if (raw != null && raw.isTextual() && raw.textValue().startsWith(Signature.TAG)) {
                changed = true;
                Signature sig = Signature.fromClientValue(WireFormat.GEMINI, raw.textValue());
                if (sig.validFor(WireFormat.GEMINI)) {
                    p.put(field, sig.value());
                } else if (Boolean.TRUE.equals(GeminiField.THOUGHT.bool(p))) {
                    it.remove();
                } else if (isCall && firstCall) {
                    p.put(field, GeminiRequestEncoder.DUMMY_SIGNATURE);
                } else {
                    p.remove(field);
                    if (p.isEmpty() || (p.size() == 1 && p.path("text").asText("x").isEmpty())) {
                        it.remove();
                    }
                }
            }
            firstCall &= !isCall;
        }
        return changed;
    }
}
