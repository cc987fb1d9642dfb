package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.JsonFields;
import dev.cliproxy.formats.Signature;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole {@code chat.completion} object from an upstream. Unknown fields are ignored. */
final class OpenAiResponseDecoder {

    private OpenAiResponseDecoder() {
    }

    static ChatResponse decode(byte[] body) {
        JsonNode root = Json.parse(body);
        if (!root.isObject()) {
            throw new FormatException("chat completion must be a JSON object");
        }
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            JsonNode error = root.get("error");
            if (error != null && !error.isNull()) {
                throw new FormatException("upstream answered with an error: "
                        + OpenAiErrors.decode(500, body).message());
            }
            throw new FormatException("chat completion has no choices");
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.get("message");
        if (message == null || !message.isObject()) {
            throw new FormatException("chat completion choice has no message");
        }
        List<ContentPart> content = content(message);
        return new ChatResponse(
                JsonFields.lenientText(root, "id"),
                JsonFields.lenientText(root, "model"),
                JsonFields.lenientLong(root, "created"),
                content,
                OpenAiWire.finishReason(JsonFields.lenientText(choice, "finish_reason")),
                null,
                OpenAiUsage.read(root.get("usage")));
    }

    private static List<ContentPart> content(JsonNode message) {
        List<ContentPart> parts = new ArrayList<>(OpenAiReasoning.decode(message, OpenAiResponseDecoder::signature));
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            if (!content.textValue().isEmpty()) {
                parts.add(new ContentPart.Text(content.textValue()));
            }
        } else if (content != null && content.isArray()) {
            for (JsonNode p : content) {
                String text = JsonFields.lenientText(p, "text");
                if ("text".equals(JsonFields.lenientText(p, "type")) && text != null && !text.isEmpty()) {
                    parts.add(new ContentPart.Text(text));
                }
            }
        }
        String refusal = JsonFields.lenientText(message, "refusal");
        if (refusal != null && !refusal.isEmpty()) {
            parts.add(new ContentPart.Text(refusal));
        }
        images(message.get("images"), parts);
        toolCalls(message, parts);
        return parts;
    }

    private static void images(JsonNode images, List<ContentPart> parts) {
        if (images == null || !images.isArray()) {
            return;
        }
        for (JsonNode img : images) {
            JsonNode iu = img.get("image_url");
            String url = iu != null && iu.isObject() ? JsonFields.lenientText(iu, "url") : null;
            if (url != null && !url.isEmpty()) {
                parts.add(ContentPart.Image.fromUrl(url));
            }
        }
    }

    private static void toolCalls(JsonNode message, List<ContentPart> parts) {
        JsonNode calls = message.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (JsonNode call : calls) {
                JsonNode fn = call.get("function");
                String name = JsonFields.lenientText(fn, "name");
                if (name == null) {
                    continue; // not a function call (custom tools are never offered upstream)
                }
                String id = JsonFields.lenientText(call, "id");
                parts.add(new ContentPart.ToolCall(id == null || id.isEmpty() ? OpenAiWire.callId() : id, name,
                        arguments(fn), signature(OpenAiWire.thoughtSignature(call))));
            }
        }
        JsonNode legacy = message.get("function_call");
        String legacyName = JsonFields.lenientText(legacy, "name");
        if (legacyName != null) {
            parts.add(new ContentPart.ToolCall(OpenAiWire.callId(), legacyName, arguments(legacy), null));
        }
    }

    private static String arguments(JsonNode fn) {
        JsonNode args = fn.get("arguments");
        if (args == null || args.isNull()) {
            return "{}";
        }
        return args.isTextual() ? args.textValue() : args.toString();
    }

    /** An upstream signature: minted by this format's upstream, never trusted as tagged. */
    static Signature signature(String raw) {
        return raw == null || raw.isEmpty() ? null : new Signature(WireFormat.OPENAI_CHAT, raw);
    }
}
