package dev.cliproxy.formats.gemini;

import static dev.cliproxy.formats.gemini.GeminiField.ARGS;
import static dev.cliproxy.formats.gemini.GeminiField.CODE;
import static dev.cliproxy.formats.gemini.GeminiField.CODE_EXECUTION_RESULT;
import static dev.cliproxy.formats.gemini.GeminiField.DATA;
import static dev.cliproxy.formats.gemini.GeminiField.DISPLAY_NAME;
import static dev.cliproxy.formats.gemini.GeminiField.EXECUTABLE_CODE;
import static dev.cliproxy.formats.gemini.GeminiField.FILE_DATA;
import static dev.cliproxy.formats.gemini.GeminiField.FILE_URI;
import static dev.cliproxy.formats.gemini.GeminiField.FUNCTION_CALL;
import static dev.cliproxy.formats.gemini.GeminiField.FUNCTION_RESPONSE;
import static dev.cliproxy.formats.gemini.GeminiField.ID;
import static dev.cliproxy.formats.gemini.GeminiField.INLINE_DATA;
import static dev.cliproxy.formats.gemini.GeminiField.LANGUAGE;
import static dev.cliproxy.formats.gemini.GeminiField.MIME_TYPE;
import static dev.cliproxy.formats.gemini.GeminiField.NAME;
import static dev.cliproxy.formats.gemini.GeminiField.OUTPUT;
import static dev.cliproxy.formats.gemini.GeminiField.TEXT;
import static dev.cliproxy.formats.gemini.GeminiField.THOUGHT;
import static dev.cliproxy.formats.gemini.GeminiField.THOUGHT_SIGNATURE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Signature;
import java.util.List;

/**
 * Reads Gemini {@code Part}s into canonical parts, for requests (client signatures may be tagged; unsupported parts
 * are an error) and responses (upstream signatures are raw; unknown part kinds are skipped). A {@code thoughtSignature} on a part that is not a thought or a function call
 * becomes a {@link ContentPart.Reasoning} with empty text right after that part, so it survives translation.
 */
final class GeminiPartReader {

    private final GeminiToolIds ids;
    private final boolean fromClient;

    GeminiPartReader(GeminiToolIds ids, boolean fromClient) {
        this.ids = ids;
        this.fromClient = fromClient;
    }

    /** Appends the canonical form of {@code part} to {@code out}. */
    void read(JsonNode part, String path, List<ContentPart> out) {
        if (part == null || !part.isObject()) {
            throw new FormatException(path + " must be an object");
        }
        Signature signature = signature(THOUGHT_SIGNATURE.text(part));
        JsonNode call = FUNCTION_CALL.in(part);
        if (call != null) {
            out.add(toolCall(call, path + ".functionCall", signature));
            return;
        }
        JsonNode response = FUNCTION_RESPONSE.in(part);
        if (response != null) {
            out.add(GeminiFunctionResponses.read(response, path + ".functionResponse", ids));
            return;
        }
        String text = TEXT.requireTextOrNull(part, path);
        if (text != null) {
            if (Boolean.TRUE.equals(THOUGHT.bool(part))) {
                out.add(new ContentPart.Reasoning(text, signature, null));
                return;
            }
            if (!text.isEmpty()) {
                out.add(new ContentPart.Text(text));
            }
        } else if (!readMedia(part, path, out) && !readCode(part, out)) {
            if (signature == null && fromClient) {
                throw new FormatException(path + " has no supported content (text, inlineData, fileData, "
                        + "functionCall or functionResponse)");
            }
        }
        if (signature != null) {
            out.add(new ContentPart.Reasoning("", signature, null));
        }
    }

    private Signature signature(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return fromClient ? Signature.fromClientValue(WireFormat.GEMINI, raw) : new Signature(WireFormat.GEMINI, raw);
    }

    private ContentPart.ToolCall toolCall(JsonNode call, String path, Signature signature) {
        String name = NAME.requireTextOrNull(call, path);
        if (name == null || name.isEmpty()) {
            throw new FormatException(path + ".name is required");
        }
        JsonNode args = ARGS.in(call);
        if (args != null && !args.isObject()) {
            throw new FormatException(path + ".args must be an object");
        }
        String id = ids.callId(name, ID.text(call));
        return new ContentPart.ToolCall(id, name, args == null ? "{}" : args.toString(), signature);
    }

    /** Reads inlineData / fileData; false when the part has neither. */
    static boolean readMedia(JsonNode part, String path, List<ContentPart> out) {
        JsonNode inline = INLINE_DATA.in(part);
        if (inline != null) {
            String mime = MIME_TYPE.requireTextOrNull(inline, path + ".inlineData");
            String data = DATA.requireTextOrNull(inline, path + ".inlineData");
            if (mime == null || data == null) {
                throw new FormatException(path + ".inlineData needs mimeType and data");
            }
            out.add(isImage(mime) ? ContentPart.Image.base64(mime, data)
                    : new ContentPart.Document(mime, data, null, DISPLAY_NAME.text(inline)));
            return true;
        }
        JsonNode file = FILE_DATA.in(part);
        if (file != null) {
            String uri = FILE_URI.requireTextOrNull(file, path + ".fileData");
            if (uri == null || uri.isEmpty()) {
                throw new FormatException(path + ".fileData.fileUri is required");
            }
            String mime = MIME_TYPE.requireTextOrNull(file, path + ".fileData");
            String effective = mime != null ? mime : GeminiMimeTypes.guess(uri, null);
            out.add(effective != null && isImage(effective) ? new ContentPart.Image(mime, null, uri)
                    : new ContentPart.Document(mime, null, uri, DISPLAY_NAME.text(file)));
            return true;
        }
        return false;
    }

    /** Code execution parts (model-generated) read as fenced text; false when the part is neither. */
    static boolean readCode(JsonNode part, List<ContentPart> out) {
        JsonNode code = EXECUTABLE_CODE.in(part);
        if (code != null) {
            String language = LANGUAGE.text(code);
            String lang = language == null ? "" : language.toLowerCase(java.util.Locale.ROOT);
            out.add(new ContentPart.Text("```" + lang + "\n" + nullToEmpty(CODE.text(code)) + "\n```"));
            return true;
        }
        JsonNode result = CODE_EXECUTION_RESULT.in(part);
        if (result != null) {
            out.add(new ContentPart.Text("```output\n" + nullToEmpty(OUTPUT.text(result)) + "\n```"));
            return true;
        }
        return false;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static boolean isImage(String mime) {
        return mime.regionMatches(true, 0, "image/", 0, 6);
    }
}
