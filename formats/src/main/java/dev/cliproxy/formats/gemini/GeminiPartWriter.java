package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.Signature;
import java.util.Map;

/**
 * Writes canonical parts as Gemini {@code Part}s. Two modes: toward the Gemini API ({@link #upstream()}: only
 * Gemini-minted signatures are sent, raw; reasoning without one is dropped) and toward a Gemini client
 * ({@link #client()}: every signature in its client form, tagged when foreign). An empty-text reasoning part that
 * only carries a signature is put back on the part before it, where Gemini had it.
 */
final class GeminiPartWriter {

    private static final GeminiPartWriter UPSTREAM = new GeminiPartWriter(false);
    private static final GeminiPartWriter CLIENT = new GeminiPartWriter(true);

    private final boolean toClient;

    private GeminiPartWriter(boolean toClient) {
        this.toClient = toClient;
    }

    static GeminiPartWriter upstream() {
        return UPSTREAM;
    }

    static GeminiPartWriter client() {
        return CLIENT;
    }

    /** The signature value to write, or {@code null} when it must not be sent. */
    String signature(Signature signature) {
        if (signature == null) {
            return null;
        }
        if (toClient) {
            return signature.toClientValue(WireFormat.GEMINI);
        }
        return signature.validFor(WireFormat.GEMINI) ? signature.value() : null;
    }

    /**
     * Appends {@code part} to {@code parts}. {@code toolNames} maps the ids of the conversation's tool calls to
     * their function names (tool results may lack a name; a result id Gemini cannot match is left out).
     */
    void write(ContentPart part, ArrayNode parts, Map<String, String> toolNames) {
        switch (part) {
            case ContentPart.Text t -> {
                if (!t.text().isEmpty()) {
                    parts.addObject().put("text", t.text());
                }
            }
            case ContentPart.Reasoning r -> reasoning(r, parts);
            case ContentPart.ToolCall c -> toolCall(c, parts);
            case ContentPart.ToolResult r -> toolResult(r, parts, toolNames);
            case ContentPart.Image i -> media(i.mediaType(), i.data(), i.url(), "image/jpeg", parts);
            case ContentPart.Document d -> media(d.mediaType(), d.data(), d.url(), "application/pdf", parts);
        }
    }

    private void reasoning(ContentPart.Reasoning r, ArrayNode parts) {
        String sig = signature(r.signature());
        if (r.text().isEmpty()) {
            if (sig == null) {
                return;
            }
            JsonNode last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
            if (last instanceof ObjectNode o && !o.has("thoughtSignature")) {
                o.put("thoughtSignature", sig);
            } else if (toClient) {
                parts.addObject().put("thoughtSignature", sig); // SDKs treat an empty text part as invalid
            } else {
                parts.addObject().put("text", "").put("thoughtSignature", sig);
            }
            return;
        }
        if (sig == null && !toClient) {
            return;
        }
        ObjectNode p = parts.addObject().put("text", r.text()).put("thought", true);
        if (sig != null) {
            p.put("thoughtSignature", sig);
        }
    }

    private void toolCall(ContentPart.ToolCall c, ArrayNode parts) {
        ObjectNode p = parts.addObject();
        ObjectNode fc = p.putObject("functionCall");
        if (c.id() != null && !c.id().isEmpty()) {
            fc.put("id", c.id());
        }
        fc.put("name", c.name());
        fc.set("args", args(c.arguments()));
        String sig = signature(c.signature());
        if (sig != null) {
            p.put("thoughtSignature", sig);
        }
    }

    /** The arguments as a JSON object ({@code {}} when they are not one). */
    static ObjectNode args(String arguments) {
        try {
            JsonNode parsed = Json.MAPPER.readTree(arguments);
            if (parsed instanceof ObjectNode o) {
                return o;
            }
        } catch (JsonProcessingException e) {
            // invalid JSON arguments: sent as {}
        }
        return Json.object();
    }

    private static void toolResult(ContentPart.ToolResult r, ArrayNode parts, Map<String, String> toolNames) {
        ObjectNode fr = parts.addObject().putObject("functionResponse");
        if (r.callId() != null && toolNames.containsKey(r.callId())) {
            fr.put("id", r.callId()); // only ids of calls in the conversation: Gemini rejects unmatched ids
        }
        String name = r.name();
        if (name == null || name.isEmpty()) {
            name = r.callId() == null ? null : toolNames.get(r.callId());
        }
        fr.put("name", name != null ? name : r.callId() != null ? r.callId() : "unknown");
        fr.set("response", GeminiFunctionResponses.responseFor(r));
        for (ContentPart p : r.content()) {
            if (p instanceof ContentPart.Image i) {
                media(i.mediaType(), i.data(), i.url(), "image/jpeg", parts);
            }
        }
    }

    private static void media(String mediaType, String data, String url, String fallback, ArrayNode parts) {
        if (data != null) {
            parts.addObject().putObject("inlineData").put("mimeType", mediaType != null ? mediaType : fallback)
                    .put("data", data);
        } else if (url != null) {
            parts.addObject().putObject("fileData")
                    .put("mimeType", mediaType != null ? mediaType : GeminiMimeTypes.guess(url, fallback))
                    .put("fileUri", url);
        }
    }
}
