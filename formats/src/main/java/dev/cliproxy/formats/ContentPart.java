package dev.cliproxy.formats;

import java.util.List;
import java.util.Objects;

/** One piece of message or response content. */
public sealed interface ContentPart {

    /** Plain text. */
    record Text(String text) implements ContentPart {
        public Text {
            text = text == null ? "" : text;
        }
    }

    /**
     * An image, either inline ({@code data} base64 with {@code mediaType}) or by {@code url}; exactly one is set.
     */
    record Image(String mediaType, String data, String url) implements ContentPart {

        /** An inline base64 image. */
        public static Image base64(String mediaType, String data) {
            return new Image(mediaType, data, null);
        }

        /** An image by URL; a {@code data:} URL is split into media type and base64 data. */
        public static Image fromUrl(String url) {
            if (url != null && url.startsWith("data:")) {
                int comma = url.indexOf(',');
                int semi = url.indexOf(';');
                if (comma > 0) {
                    String mediaType = url.substring(5, semi > 0 && semi < comma ? semi : comma);
                    return new Image(mediaType, url.substring(comma + 1), null);
                }
            }
            return new Image(null, null, url);
        }

        /** Whether the image is inline data. */
        public boolean isInline() {
            return data != null;
        }

        /** The image as a URL: the URL itself, or a {@code data:} URL built from the inline data. */
        public String asUrl() {
            return url != null ? url : "data:" + (mediaType == null ? "image/png" : mediaType) + ";base64," + data;
        }
    }

    /**
     * A document such as a PDF: inline base64 {@code data} with {@code mediaType}, or a {@code url}.
     * {@code fileName} may be {@code null}.
     */
    record Document(String mediaType, String data, String url, String fileName) implements ContentPart {
    }

    /**
     * A tool call made by the assistant.
     *
     * @param id        the call id, kept consistent between the call and its result
     * @param name      the function name
     * @param arguments the arguments as JSON text ({@code "{}"} when empty)
     * @param signature a provider signature bound to the call (Gemini {@code thoughtSignature}), or {@code null}
     */
    record ToolCall(String id, String name, String arguments, Signature signature) implements ContentPart {
        public ToolCall {
            Objects.requireNonNull(name, "name");
            arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
        }
    }

    /**
     * The result of a tool call.
     *
     * @param callId  the id of the {@link ToolCall} it answers
     * @param name    the function name when the format carries it (Gemini), else {@code null}
     * @param content the result: {@link Text} and {@link Image} parts
     * @param isError whether the tool failed
     */
    record ToolResult(String callId, String name, List<ContentPart> content, boolean isError) implements ContentPart {
        public ToolResult {
            content = content == null ? List.of() : List.copyOf(content);
        }

        /** The text parts joined with newlines. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            for (ContentPart p : content) {
                if (p instanceof Text t) {
                    if (!sb.isEmpty()) {
                        sb.append('\n');
                    }
                    sb.append(t.text());
                }
            }
            return sb.toString();
        }
    }

    /**
     * Model reasoning ("thinking"). Carried through so multi-turn conversations with tools keep working.
     *
     * @param text      the visible reasoning text or summary (may be empty)
     * @param signature the provider's signature or encrypted content, or {@code null}
     * @param redacted  opaque redacted reasoning data (Claude {@code redacted_thinking}), or {@code null}
     */
    record Reasoning(String text, Signature signature, String redacted) implements ContentPart {
        public Reasoning {
            text = text == null ? "" : text;
        }
    }
}
