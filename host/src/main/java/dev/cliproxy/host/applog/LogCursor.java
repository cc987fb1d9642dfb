package dev.cliproxy.host.applog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where a reader of the log stopped: a file, the offset after the last line it got, and a fingerprint of the file's
 * bytes up to there (its first and last 4 KiB), so a file that was emptied or rotated away is recognised: the same
 * bytes under an archive's name are found again, anything else starts over. Sent to clients as an opaque string.
 *
 * @param file        the file's name
 * @param offset      the offset after the last line read
 * @param fingerprint the fingerprint of the file's first {@code offset} bytes
 * @param latest      the newest line timestamp seen so far (Unix seconds)
 */
record LogCursor(String file, long offset, String fingerprint, long latest) {

    private static final int VERSION = 1;
    private static final int SAMPLE = 4096;

    /** The cursor after {@code offset} bytes of {@code file}. */
    static LogCursor at(Path file, long offset, long latest) throws IOException {
        return new LogCursor(file.getFileName().toString(), offset, fingerprint(file, offset), latest);
    }

    /** Whether {@code file} holds what this cursor saw. */
    boolean matches(Path file) throws IOException {
        return Files.size(file) >= offset && fingerprint(file, offset).equals(fingerprint);
    }

    String encode() {
        ObjectNode o = Json.object();
        o.put("v", VERSION).put("file", file).put("offset", offset).put("fingerprint", fingerprint)
                .put("latest", latest);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(o));
    }

    /** The cursor a client sent back, or {@code null} when it is not one. */
    static LogCursor decode(String text) {
        try {
            JsonNode o = Json.parse(Base64.getUrlDecoder().decode(text.trim()));
            String file = o.path("file").asText("");
            long offset = o.path("offset").asLong(-1);
            if (o.path("v").asInt() != VERSION || !AppLogFolder.isLogFile(file) || offset < 0
                    || !o.path("fingerprint").isTextual()) {
                return null;
            }
            return new LogCursor(file, offset, o.path("fingerprint").asText(), Math.max(0, o.path("latest").asLong()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String fingerprint(Path file, long length) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(Long.toString(length).getBytes(StandardCharsets.US_ASCII));
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes((int) Math.min(SAMPLE, length));
            sha.update(head);
            long tailStart = Math.max(head.length, length - SAMPLE);
            in.skipNBytes(tailStart - head.length);
            sha.update(in.readNBytes((int) (length - tailStart)));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha.digest(), 12));
    }
}
