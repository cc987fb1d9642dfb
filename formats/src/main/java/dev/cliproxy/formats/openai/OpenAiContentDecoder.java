package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads message {@code content}: a string, {@code null}, or an array of typed content parts. */
final class OpenAiContentDecoder {

    private OpenAiContentDecoder() {
    }

    /** Content of any role: text, images, files; {@code null} content gives an empty list. */
    static List<ContentPart> parts(JsonNode content, String where) {
        if (content == null || content.isNull()) {
            return List.of();
        }
        if (content.isTextual()) {
            return List.of(new ContentPart.Text(content.textValue()));
        }
        if (!content.isArray()) {
            throw new FormatException(where + ".content must be a string, an array of content parts or null");
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        int i = 0;
        for (JsonNode part : content) {
            parts.add(part(part, where + ".content[" + i++ + "]"));
        }
        return parts;
    }

    /** Content that may only hold text (system and developer messages). */
    static List<ContentPart> textOnly(JsonNode content, String where) {
        List<ContentPart> parts = parts(content, where);
        for (ContentPart p : parts) {
            if (!(p instanceof ContentPart.Text)) {
                throw new FormatException(where + ".content may only hold text parts");
            }
        }
        return parts;
    }

    private static ContentPart part(JsonNode part, String where) {
        if (!part.isObject()) {
            throw new FormatException(where + " must be an object");
        }
        String type = JsonFields.requiredText(part, "type", where);
        return switch (type) {
            case "text" -> new ContentPart.Text(JsonFields.requiredText(part, "text", where));
            case "refusal" -> new ContentPart.Text(JsonFields.requiredText(part, "refusal", where));
            case "image_url" -> image(part, where);
            case "file" -> file(part, where);
            case "input_audio" -> throw new FormatException(where + ": input_audio content is not supported");
            default -> throw new FormatException(where + ": unsupported content part type '" + type + "'");
        };
    }

    private static ContentPart image(JsonNode part, String where) {
        JsonNode image = JsonFields.value(part, "image_url");
        String url;
        if (image != null && image.isTextual()) {
            url = image.textValue();
        } else if (image != null && image.isObject()) {
            url = JsonFields.requiredText(image, "url", where + ".image_url");
        } else {
            throw new FormatException(where + ".image_url must be an object with a url");
        }
        if (url.isEmpty()) {
            throw new FormatException(where + ".image_url.url must not be empty");
        }
        return ContentPart.Image.fromUrl(url);
    }

    private static ContentPart file(JsonNode part, String where) {
        JsonNode file = JsonFields.object(part, "file", where);
        if (file == null) {
            throw new FormatException(where + ".file is required");
        }
        String data = JsonFields.text(file, "file_data", where + ".file");
        String name = JsonFields.text(file, "filename", where + ".file");
        if (data == null || data.isEmpty()) {
            if (JsonFields.text(file, "file_id", where + ".file") != null) {
                throw new FormatException(where + ": file_id not supported, send the file as file_data");
            }
            throw new FormatException(where + ".file.file_data is required");
        }
        if (data.startsWith("data:")) {
            int comma = data.indexOf(',');
            int semi = data.indexOf(';');
            if (comma < 0) {
                throw new FormatException(where + ".file.file_data is not a valid data URL");
            }
            String mediaType = data.substring(5, semi > 0 && semi < comma ? semi : comma);
            return new ContentPart.Document(mediaType.isEmpty() ? mediaTypeOf(name) : mediaType,
                    data.substring(comma + 1), null, name);
        }
        return new ContentPart.Document(mediaTypeOf(name), data, null, name);
    }

    /** The media type of a raw base64 file, guessed from its name; PDF when unknown (the documented use). */
    static String mediaTypeOf(String fileName) {
        String n = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".txt")) {
            return "text/plain";
        }
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        return "application/pdf";
    }
}
