package dev.cliproxy.plugin.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.formats.Json;
import java.util.List;

/**
 * The Codex backend's body rules, applied to translated and passed-through bodies alike: {@code stream:true},
 * {@code store:false}, {@code instructions} present ({@code ""} when the client gave none),
 * {@code include} asking for {@code reasoning.encrypted_content} (reasoning is replayed statelessly), and none of
 * the fields it rejects ({@code max_output_tokens}, {@code temperature}, {@code top_p}) or cannot honour without
 * storage ({@code previous_response_id}, {@code prompt_cache_retention}, {@code safety_identifier},
 * {@code stream_options}). A body that already follows them is returned unchanged, byte for byte.
 */
final class CodexRequestAdapter {

    static final CodexRequestAdapter INSTANCE = new CodexRequestAdapter();

    static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";
    private static final List<String> REJECTED = List.of("max_output_tokens", "temperature", "top_p",
            "previous_response_id", "prompt_cache_retention", "safety_identifier", "stream_options");

    /** The body to send for {@code call}: {@code body} itself when it already follows the rules. */
    byte[] adapt(UpstreamCall call, byte[] body) {
        if (!(Json.parse(body) instanceof ObjectNode root)) {
            return body;
        }
        boolean changed = false;
        for (String field : REJECTED) {
            changed |= root.remove(field) != null;
        }
        if (!root.path("stream").asBoolean(false)) {
            root.put("stream", true);
            changed = true;
        }
        if (!root.path("store").isBoolean() || root.path("store").booleanValue()) {
            root.put("store", false);
            changed = true;
        }
        if (!root.path("instructions").isTextual()) {
            root.put("instructions", "");
            changed = true;
        }
        changed |= includeEncryptedReasoning(root);
        return changed ? Json.write(root) : body;
    }

    private static boolean includeEncryptedReasoning(ObjectNode root) {
        JsonNode include = root.get("include");
        if (include instanceof ArrayNode list) {
            for (JsonNode v : list) {
                if (ENCRYPTED_REASONING.equals(v.asText())) {
                    return false;
                }
            }
            list.add(ENCRYPTED_REASONING);
            return true;
        }
        root.putArray("include").add(ENCRYPTED_REASONING);
        return true;
    }
}
