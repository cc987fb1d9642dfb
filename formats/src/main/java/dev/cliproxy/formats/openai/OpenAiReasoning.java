package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ContentPart.Reasoning;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reasoning on an assistant message. The text travels as {@code reasoning_content} (DeepSeek style; {@code reasoning}
 * is read too). Chat Completions has no signature field, so signatures travel in OpenRouter's
 * {@code reasoning_details} convention: {@code [{"type":"reasoning.text","text","signature","index"}]}.
 */
final class OpenAiReasoning {

    static final String DETAIL_TYPE = "reasoning.text";

    private OpenAiReasoning() {
    }

    /** One {@code reasoning_details} text entry. */
    private record Detail(String text, String signature) {
    }

    /** The reasoning parts of a message; {@code signatures} turns a raw signature string into a Signature. */
    static List<ContentPart> decode(JsonNode message, Function<String, Signature> signatures) {
        String text = JsonFields.lenientText(message, "reasoning_content");
        if (text == null) {
            text = JsonFields.lenientText(message, "reasoning");
        }
        List<Detail> details = details(message.get("reasoning_details"));
        if (details.isEmpty()) {
            return text == null || text.isEmpty() ? List.of() : List.of(new Reasoning(text, null, null));
        }
        boolean allHaveText = details.stream().allMatch(d -> d.text() != null && !d.text().isEmpty());
        if (allHaveText) {
            List<ContentPart> parts = new ArrayList<>(details.size());
            for (Detail d : details) {
                parts.add(new Reasoning(d.text(), signature(d.signature(), signatures), null));
            }
            return parts;
        }
        // streamed form: the text came as reasoning_content deltas, the details only carry the signature
        String signature = null;
        StringBuilder joined = new StringBuilder();
        for (Detail d : details) {
            signature = d.signature() != null ? d.signature() : signature;
            joined.append(d.text() == null ? "" : d.text());
        }
        String body = text != null && !text.isEmpty() ? text : joined.toString();
        return List.of(new Reasoning(body, signature(signature, signatures), null));
    }

    private static Signature signature(String raw, Function<String, Signature> signatures) {
        return raw == null || raw.isEmpty() ? null : signatures.apply(raw);
    }

    private static List<Detail> details(JsonNode array) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<Detail> out = new ArrayList<>();
        for (JsonNode d : array) {
            if (d.isObject() && DETAIL_TYPE.equals(JsonFields.lenientText(d, "type"))) {
                out.add(new Detail(JsonFields.lenientText(d, "text"), JsonFields.lenientText(d, "signature")));
            }
        }
        return out;
    }

    /**
     * Writes {@code parts} onto {@code message}: {@code reasoning_content} with the joined text and, when any part
     * has a signature, {@code reasoning_details} with one entry per part. Redacted parts are skipped (no carrier).
     *
     * @param signatureOut the wire value of a signature
     */
    static void encode(ObjectNode message, List<Reasoning> parts, Function<Signature, String> signatureOut) {
        StringBuilder text = new StringBuilder();
        boolean signed = false;
        for (Reasoning r : parts) {
            if (r.redacted() != null) {
                continue;
            }
            if (!r.text().isEmpty()) {
                text.append(text.isEmpty() ? "" : "\n\n").append(r.text());
            }
            signed |= r.signature() != null;
        }
        if (!text.isEmpty()) {
            message.put("reasoning_content", text.toString());
        }
        if (!signed) {
            return;
        }
        ArrayNode details = message.putArray("reasoning_details");
        for (Reasoning r : parts) {
            if (r.redacted() != null) {
                continue;
            }
            ObjectNode d = details.addObject().put("type", DETAIL_TYPE).put("text", r.text());
            if (r.signature() != null) {
                d.put("signature", signatureOut.apply(r.signature()));
            }
            d.put("index", details.size() - 1);
        }
    }
}
