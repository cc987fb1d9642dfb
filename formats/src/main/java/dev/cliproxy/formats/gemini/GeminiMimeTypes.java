package dev.cliproxy.formats.gemini;

import java.util.Locale;
import java.util.Map;

/** Guesses a media type from a URL's file extension (Gemini's fileData needs one). */
final class GeminiMimeTypes {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("bmp", "image/bmp"), Map.entry("pdf", "application/pdf"),
            Map.entry("txt", "text/plain"), Map.entry("md", "text/markdown"), Map.entry("html", "text/html"),
            Map.entry("csv", "text/csv"), Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"),
            Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/quicktime"), Map.entry("webm", "video/webm"));

    private GeminiMimeTypes() {
    }

    /** The media type for {@code url}'s extension, or {@code fallback} when unknown. */
    static String guess(String url, String fallback) {
        if (url == null) {
            return fallback;
        }
        int end = url.length();
        int query = url.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int hash = url.indexOf('#');
        if (hash >= 0 && hash < end) {
            end = hash;
        }
        int dot = url.lastIndexOf('.', end - 1);
        int slash = url.lastIndexOf('/', end - 1);
        if (dot < 0 || dot < slash) {
            return fallback;
        }
        String mime = BY_EXTENSION.get(url.substring(dot + 1, end).toLowerCase(Locale.ROOT));
        return mime == null ? fallback : mime;
    }
}
