package dev.cliproxy.api.format.claude;

import static dev.cliproxy.api.format.claude.ClaudeFields.get;
import static dev.cliproxy.api.format.claude.ClaudeFields.optText;
import static dev.cliproxy.api.format.claude.ClaudeFields.reqObject;
import static dev.cliproxy.api.format.claude.ClaudeFields.reqText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.format.ContentPart;
import dev.cliproxy.api.format.FormatException;

/**
 * Reads Claude image, document and search_result blocks. Images: base64 and url sources. Documents: PDFs (base64
 * or url) become {@link ContentPart.Document}s; plain-text and content-block sources become text, which every
 * format can carry. File-API sources ({@code type:"file"}) cannot be translated and are rejected.
 */
final class ClaudeMediaDecoder {

    private ClaudeMediaDecoder() {
    }

    static ContentPart.Image image(JsonNode block, String path) {
        JsonNode source = reqObject(block, "source", path);
        String type = reqText(source, "type", path + ".source");
        return switch (type) {
            case "base64" -> ContentPart.Image.base64(reqText(source, "media_type", path + ".source"),
                    reqText(source, "data", path + ".source"));
            case "url" -> ContentPart.Image.fromUrl(reqText(source, "url", path + ".source"));
            default -> throw new FormatException(path + ".source: unsupported image source type '" + type + "'");
        };
    }

    /** A PDF (base64 or url) becomes a Document; plain-text and content sources become text. */
    static ContentPart document(JsonNode block, String path) {
        JsonNode source = reqObject(block, "source", path);
        String sp = path + ".source";
        String title = optText(block, "title", path);
        String type = reqText(source, "type", sp);
        return switch (type) {
            case "base64" -> new ContentPart.Document(reqText(source, "media_type", sp),
                    reqText(source, "data", sp), null, title);
            case "url" -> new ContentPart.Document(null, null, reqText(source, "url", sp), title);
            case "text" -> new ContentPart.Text(reqText(source, "data", sp));
            case "content" -> new ContentPart.Text(contentText(get(source, "content"), sp));
            default -> throw new FormatException(sp + ": unsupported document source type '" + type + "'");
        };
    }

    static String searchResultText(JsonNode block, String path) {
        String text = contentText(get(block, "content"), path);
        String title = optText(block, "title", path);
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
            if (b == null || !b.isObject() || !"text".equals(optText(b, "type", p))) {
                throw new FormatException(p + ": expected a text block");
            }
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(reqText(b, "text", p));
        }
        return sb.toString();
    }
}
