package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ByteSearch;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.Signature;
import java.nio.charset.StandardCharsets;

/**
 * Cleans a pass-through request body of tagged signatures: on assistant messages, {@code reasoning_details}
 * entries tagged by another format are removed (with the reasoning text when nothing of it remains), tool-call
 * {@code extra_content.google.thought_signature} values tagged by another format are removed, and values tagged
 * with this format are unwrapped to their raw form.
 */
final class OpenAiForeignReasoningFilter {

    private static final WireFormat SELF = WireFormat.OPENAI_CHAT;
    private static final byte[] TAG = Signature.TAG.getBytes(StandardCharsets.US_ASCII);

    private OpenAiForeignReasoningFilter() {
    }

    static byte[] apply(byte[] body) {
        if (body == null || !ByteSearch.contains(body, TAG)) {
            return body;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (Exception malformed) {
            return body;
        }
        JsonNode messages = root == null ? null : root.get("messages");
        if (messages == null || !messages.isArray()) {
            return body;
        }
        boolean changed = false;
        for (JsonNode m : messages) {
            if (m instanceof ObjectNode msg && "assistant".equals(JsonFields.lenientText(msg, "role"))) {
                changed |= details(msg);
                changed |= toolCalls(msg.get("tool_calls"));
            }
        }
        return changed ? Json.write(root) : body;
    }

    private static boolean details(ObjectNode msg) {
        if (!(msg.get("reasoning_details") instanceof ArrayNode details)) {
            return false;
        }
        boolean changed = false;
        boolean removed = false;
        for (int i = details.size() - 1; i >= 0; i--) {
            if (!(details.get(i) instanceof ObjectNode d)) {
                continue;
            }
            Signature s = tagged(JsonFields.lenientText(d, "signature"));
            if (s == null) {
                continue;
            }
            changed = true;
            if (s.origin() == SELF) {
                d.put("signature", s.value());
            } else {
                details.remove(i);
                removed = true;
            }
        }
        if (removed && details.isEmpty()) {
            msg.remove("reasoning_details");
            msg.remove("reasoning_content");
            msg.remove("reasoning");
        }
        return changed;
    }

    private static boolean toolCalls(JsonNode calls) {
        if (calls == null || !calls.isArray()) {
            return false;
        }
        boolean changed = false;
        for (JsonNode call : calls) {
            JsonNode extra = call.get("extra_content");
            if (!(extra instanceof ObjectNode extraObj) || !(extra.get("google") instanceof ObjectNode google)) {
                continue;
            }
            Signature s = tagged(JsonFields.lenientText(google, "thought_signature"));
            if (s == null) {
                continue;
            }
            changed = true;
            if (s.origin() == SELF) {
                google.put("thought_signature", s.value());
                continue;
            }
            google.remove("thought_signature");
            if (google.isEmpty()) {
                extraObj.remove("google");
            }
            if (extraObj.isEmpty()) {
                ((ObjectNode) call).remove("extra_content");
            }
        }
        return changed;
    }

    /** The signature of a tagged value, or {@code null} when the value is absent or untagged. */
    private static Signature tagged(String raw) {
        return raw != null && raw.startsWith(Signature.TAG) ? Signature.fromClientValue(SELF, raw) : null;
    }
}
