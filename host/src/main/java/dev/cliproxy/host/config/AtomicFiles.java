package dev.cliproxy.host.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Whole-file writes that never leave a truncated file behind: the bytes go to a temporary file in the same
 * folder, are forced to disk, and the temporary file is renamed over the target in one step.
 */
public final class AtomicFiles {

    /** {@code rw-------}: credentials and configs holding secrets. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code bytes}. A symbolic link is followed (its target file is replaced). The
     * new file gets {@code permissions}, or, when {@code null}, those of the file it replaces ({@code rw-------} for
     * a new file).
     */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        Path file = Files.isSymbolicLink(target) ? target.toRealPath() : target.toAbsolutePath();
        Path dir = file.getParent();
        Set<PosixFilePermission> perms = permissions != null ? permissions : existingPermissions(file);
        Path tmp = createTemp(dir, file.getFileName().toString(), perms);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(dir);
    }

    private static Path createTemp(Path dir, String name, Set<PosixFilePermission> perms) throws IOException {
        try {
            return Files.createTempFile(dir, "." + name + ".", ".tmp", PosixFilePermissions.asFileAttribute(perms));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(dir, "." + name + ".", ".tmp");
        }
    }

    private static Set<PosixFilePermission> existingPermissions(Path file) {
        try {
            return Files.exists(file) ? Files.getPosixFilePermissions(file) : OWNER_ONLY;
        } catch (IOException | UnsupportedOperationException e) {
            return OWNER_ONLY;
        }
    }

    /** Makes the rename itself durable; not every platform can open a folder for that, which is fine. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }
}
