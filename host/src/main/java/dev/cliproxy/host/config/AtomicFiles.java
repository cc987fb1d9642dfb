package dev.cliproxy.host.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-file writes that never leave a truncated file behind: the bytes go to a temporary file in the same
 * folder, are forced to disk, and the temporary file is renamed over the target in one step.
 *
 * <p>The temporary file of {@code NAME} is {@code .NAME.DIGITS.tmp}, created with the permissions the target
 * will have, so a copy a crash leaves behind is no easier to read than the file itself; {@link #removeLeftovers}
 * (called at start-up) deletes such copies.
 */
public final class AtomicFiles {

    /** {@code rw-------}: credentials and configs holding secrets. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** {@code .NAME.DIGITS.tmp}: ours, and what {@code Files.createTempFile(dir, ".NAME.", ".tmp")} made before. */
    private static final Pattern TEMP_NAME = Pattern.compile("\\.(.+)\\.[0-9]+\\.tmp");

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code bytes}. A symbolic link is followed (its target file is replaced). The
     * new file gets {@code permissions}, or, when {@code null}, those of the file it replaces ({@code rw-------} for
     * a new file).
     */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        Path file = followLink(target);
        Path dir = file.getParent();
        Set<PosixFilePermission> perms = permissions != null ? permissions : existingPermissions(file);
        Path tmp = createTemp(dir, file.getFileName().toString(), perms);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
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

    /**
     * Deletes the temporary files a crashed {@link #write} left in {@code dir} for targets whose name
     * {@code target} accepts; nothing else is touched. Returns the names deleted.
     */
    public static List<String> removeLeftovers(Path dir, Predicate<String> target) throws IOException {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                Matcher m = TEMP_NAME.matcher(name);
                if (m.matches() && target.test(m.group(1)) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && Files.deleteIfExists(p)) {
                    removed.add(name);
                }
            }
        }
        removed.sort(null);
        return removed;
    }

    /** Deletes the temporary files a crashed {@link #write} of {@code target} left beside it; see the other. */
    public static List<String> removeLeftovers(Path target) throws IOException {
        Path file = followLink(target);
        String name = file.getFileName().toString();
        return removeLeftovers(file.getParent(), name::equals);
    }

    /** The file a write of {@code target} replaces: the target of a symbolic link, else {@code target} itself. */
    private static Path followLink(Path target) throws IOException {
        return Files.isSymbolicLink(target) ? target.toRealPath() : target.toAbsolutePath();
    }

    /**
     * A new, empty {@code .NAME.DIGITS.tmp} in {@code dir} with {@code perms} from the start: created with them
     * (the umask may take bits away, which are then put back before a byte is written).
     */
    static Path createTemp(Path dir, String name, Set<PosixFilePermission> perms) throws IOException {
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(perms);
        while (true) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                Files.createFile(tmp, mode);
            } catch (FileAlreadyExistsException taken) {
                continue;
            } catch (UnsupportedOperationException notPosix) {
                return Files.createFile(tmp);
            }
            if (!Files.getPosixFilePermissions(tmp).equals(perms)) {
                Files.setPosixFilePermissions(tmp, perms);
            }
            return tmp;
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
