package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ByteSearch;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Signature;
import java.nio.charset.StandardCharsets;

/**
 * Cleans a Responses request body passed through to a Responses upstream: reasoning items whose
 * {@code encrypted_content} is tagged as minted by another format are removed, and items tagged with this format
 * get their raw value back. Bodies without the tag are returned as they are, after a byte scan only.
 */
final class ForeignReasoningFilter {

    private static final byte[] TAG = Signature.TAG.getBytes(StandardCharsets.US_ASCII);

    private ForeignReasoningFilter() {
    }

    static byte[] filter(byte[] body) {
        if (body == null || !ByteSearch.contains(body, TAG)) {
            return body;
        }
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (FormatException e) {
            return body; // not JSON: the upstream will say so
        }
        JsonNode input = root.get("input");
        if (input == null || !input.isArray()) {
            return body;
        }
        boolean changed = false;
        ArrayNode items = (ArrayNode) input;
        for (int i = items.size() - 1; i >= 0; i--) {
            JsonNode item = items.get(i);
            String enc = item.isObject() && "reasoning".equals(Json.text(item, "type"))
                    ? Json.text(item, "encrypted_content") : null;
            if (enc == null || !enc.startsWith(Signature.TAG)) {
                continue;
            }
            Signature sig = Signature.fromClientValue(WireFormat.OPENAI_RESPONSES, enc);
            if (!sig.validFor(WireFormat.OPENAI_RESPONSES)) {
                items.remove(i);
                changed = true;
            } else if (!sig.value().equals(enc)) {
                ((ObjectNode) item).put("encrypted_content", sig.value());
                changed = true;
            }
        }
        return changed ? Json.write(root) : body;
    }
}
