package dev.cliproxy.formats.claude;

import static dev.cliproxy.formats.JsonFields.requiredObject;
import static dev.cliproxy.formats.JsonFields.requiredText;
import static dev.cliproxy.formats.JsonFields.text;
import static dev.cliproxy.formats.JsonFields.value;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;

/**
 * Reads Claude image, document and search_result blocks. Images: base64 and url sources. Documents: PDFs (base64
 * or url) become {@link ContentPart.Document}s; plain-text and content-block sources become text, which every
 * format can carry. File-API sources ({@code type:"file"}) cannot be translated and are rejected.
 */
final class ClaudeMediaDecoder {

    private ClaudeMediaDecoder() {
    }

    static ContentPart.Image image(JsonNode block, String path) {
        JsonNode source = requiredObject(block, "source", path);
        String type = requiredText(source, "type", path + ".source");
        return switch (type) {
            case "base64" -> ContentPart.Image.base64(requiredText(source, "media_type", path + ".source"),
                    requiredText(source, "data", path + ".source"));
            case "url" -> ContentPart.Image.fromUrl(requiredText(source, "url", path + ".source"));
            default -> throw new FormatException(path + ".source: unsupported image source type '" + type + "'");
        };
    }

    /** A PDF (base64 or url) becomes a Document; plain-text and content sources become text. */
    static ContentPart document(JsonNode block, String path) {
        JsonNode source = requiredObject(block, "source", path);
        String sp = path + ".source";
        String title = text(block, "title", path);
        String type = requiredText(source, "type", sp);
        return switch (type) {
            case "base64" -> new ContentPart.Document(requiredText(source, "media_type", sp),
                    requiredText(source, "data", sp), null, title);
            case "url" -> new ContentPart.Document(null, null, requiredText(source, "url", sp), title);
            case "text" -> new ContentPart.Text(requiredText(source, "data", sp));
            case "content" -> new ContentPart.Text(contentText(value(source, "content"), sp));
            default -> throw new FormatException(sp + ": unsupported document source type '" + type + "'");
        };
    }

    static String searchResultText(JsonNode block, String path) {
        String text = contentText(value(block, "content"), path);
        String title = text(block, "title", path);
        return title == null || title.isEmpty() ? text : title + "\n\n" + text;
    }

    /** A string, or the texts of an array of text blocks joined by newlines. */
    private static String contentText(JsonNode content, String path) {
        if (content == null) {
            throw new FormatException(path + ".content: required");
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            throw new FormatException(path + ".content: expected a string or an array of text blocks");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode b = content.get(i);
            String p = path + ".content[" + i + "]";
            if (b == null || !b.isObject() || !"text".equals(text(b, "type", p))) {
                throw new FormatException(p + ": expected a text block");
            }
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(requiredText(b, "text", p));
        }
        return sb.toString();
    }
}
