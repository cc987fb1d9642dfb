package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads Responses content parts (message content and function-call output) into canonical parts. */
final class ContentDecoder {

    private ContentDecoder() {
    }

    /** Message content: a plain string or an array of typed parts. */
    static List<ContentPart> content(JsonNode content, String where) {
        if (content == null || content.isNull()) {
            throw new FormatException(where + ".content is required");
        }
        if (content.isTextual()) {
            return List.of(new ContentPart.Text(content.textValue()));
        }
        if (!content.isArray()) {
            throw JsonFields.wrongType(where, "content", "a string or an array");
        }
        return parts(content, where + ".content");
    }

    /** An array of typed parts; {@code path} names the array in messages. */
    static List<ContentPart> parts(JsonNode array, String path) {
        List<ContentPart> parts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            parts.add(part(array.get(i), path + "[" + i + "]"));
        }
        return parts;
    }

    /** One typed content part. */
    static ContentPart part(JsonNode part, String where) {
        if (part == null || !part.isObject()) {
            throw new FormatException(where + " must be an object");
        }
        String type = JsonFields.requiredText(part, "type", where);
        return switch (type) {
            case "input_text", "output_text", "text" ->
                    new ContentPart.Text(JsonFields.requiredText(part, "text", where));
            case "refusal" -> new ContentPart.Text(JsonFields.requiredText(part, "refusal", where));
            case "input_image" -> image(part, where);
            case "input_file" -> file(part, where);
            default -> throw new FormatException(where + ": unsupported content type '" + type + "'");
        };
    }

    /**
     * Function-call output of the item at {@code where}: a string, an array of content parts, or the object
     * {@code {content, success}} older Codex versions sent.
     */
    static List<ContentPart> toolOutput(JsonNode output, String where) {
        if (output == null || output.isNull()) {
            return List.of();
        }
        if (output.isTextual()) {
            return List.of(new ContentPart.Text(output.textValue()));
        }
        if (output.isArray()) {
            return parts(output, where + ".output");
        }
        if (output.isObject() && output.has("content")) {
            return content(output.get("content"), where + ".output");
        }
        throw new FormatException(where + ".output must be a string or an array of content parts");
    }

    private static ContentPart image(JsonNode part, String where) {
        JsonNode url = part.get("image_url");
        if (url != null && url.isObject()) {
            url = url.get("url");
        }
        if (url != null && url.isTextual() && !url.textValue().isEmpty()) {
            return ContentPart.Image.fromUrl(url.textValue());
        }
        if (!JsonFields.absent(part, "file_id")) {
            throw new FormatException(where + ": input_image by file_id is not supported (this proxy keeps no"
                    + " files); send image_url with a URL or a data: URL");
        }
        throw new FormatException(where + ".image_url is required");
    }

    private static ContentPart file(JsonNode part, String where) {
        String fileName = JsonFields.text(part, "filename", where);
        String fileData = JsonFields.text(part, "file_data", where);
        if (fileData != null && !fileData.isEmpty()) {
            if (fileData.startsWith("data:")) {
                int comma = fileData.indexOf(',');
                if (comma < 0) {
                    throw new FormatException(where + ".file_data is a malformed data: URL");
                }
                int semi = fileData.indexOf(';');
                String mediaType = fileData.substring(5, semi > 0 && semi < comma ? semi : comma);
                return new ContentPart.Document(mediaType.isEmpty() ? guessMediaType(fileName) : mediaType,
                        fileData.substring(comma + 1), null, fileName);
            }
            return new ContentPart.Document(guessMediaType(fileName), fileData, null, fileName);
        }
        String fileUrl = JsonFields.text(part, "file_url", where);
        if (fileUrl != null && !fileUrl.isEmpty()) {
            return new ContentPart.Document(guessMediaType(fileName != null ? fileName : fileUrl), null, fileUrl,
                    fileName);
        }
        if (!JsonFields.absent(part, "file_id")) {
            throw new FormatException(where + ": input_file by file_id is not supported (this proxy keeps no"
                    + " files); send file_data or file_url");
        }
        throw new FormatException(where + " needs file_data or file_url");
    }

    /** The media type a file name suggests; PDF when the name says nothing (the usual document). */
    static String guessMediaType(String name) {
        if (name == null) {
            return "application/pdf";
        }
        String n = name.toLowerCase(Locale.ROOT);
        int q = n.indexOf('?');
        if (q >= 0) {
            n = n.substring(0, q);
        }
        if (n.endsWith(".txt")) {
            return "text/plain";
        }
        if (n.endsWith(".md")) {
            return "text/markdown";
        }
        if (n.endsWith(".csv")) {
            return "text/csv";
        }
        if (n.endsWith(".json")) {
            return "application/json";
        }
        if (n.endsWith(".html") || n.endsWith(".htm")) {
            return "text/html";
        }
        return "application/pdf";
    }
}
