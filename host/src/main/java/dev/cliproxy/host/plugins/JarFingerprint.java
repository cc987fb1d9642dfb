package dev.cliproxy.host.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** A jar's size and modification time: when either changes, the jar was replaced and is loaded again. */
record JarFingerprint(long size, long modifiedMillis) {

    /** The fingerprint of {@code jar}, or {@code null} when it cannot be read (gone already). */
    static JarFingerprint of(Path jar) {
        try {
            BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
            return new JarFingerprint(a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return null;
        }
    }
}
