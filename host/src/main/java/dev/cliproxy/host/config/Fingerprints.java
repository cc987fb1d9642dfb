package dev.cliproxy.host.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 fingerprints that tell the watcher whether anything really changed. */
final class Fingerprints {

    private Fingerprints() {
    }

    /** SHA-256 of {@code bytes}, in hex. */
    static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A fingerprint of the {@code *.json} files of {@code dir}: names, sizes, modification times and file keys
     * (an atomic replace gives a new inode).
     */
    static String ofAuthDir(Path dir) {
        List<String> lines = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                for (Path p : files) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    lines.add(p.getFileName() + "\t" + a.size() + "\t" + a.lastModifiedTime() + "\t" + a.fileKey());
                }
            } catch (IOException e) {
                lines.add("unreadable: " + e.getMessage());
            }
        }
        lines.sort(null);
        return of(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }
}
