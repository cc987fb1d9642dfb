package dev.cliproxy.host.management;

import dev.cliproxy.host.authfiles.AuthDirectory;
import dev.cliproxy.host.config.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The credential files of {@code auth-dir}, as the management API sees them. A name is a bare {@code *.json}
 * file name: separators, {@code ..}, absolute and drive paths, hidden and control characters are refused, and a
 * symbolic link that leads out of the folder is treated as invalid, so nothing outside {@code auth-dir} is ever
 * read, written or deleted. Files are written {@code 0600} (atomically) into a {@code 0700} folder.
 */
final class AuthFolder {

    /** One listed file. */
    record Entry(String name, long size, Instant modified) {
    }

    private final Path dir;

    AuthFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** {@code name} when it is an acceptable file name; 400 {@code invalid name} otherwise. */
    static String checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 255 || name.startsWith(".")
                || !name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw ManagementException.badRequest("invalid name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c == ':' || c < 0x20 || c == 0x7f) {
                throw ManagementException.badRequest("invalid name");
            }
        }
        return name;
    }

    /** The {@code *.json} files, sorted by name (links out of the folder are left out). */
    List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || !inside(p) || !Files.isRegularFile(p)) {
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                out.add(new Entry(name, a.size(), a.lastModifiedTime().toInstant()));
            }
        }
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }

    /** The bytes of file {@code name}; 404 {@code file not found} when there is none. */
    byte[] read(String name) throws IOException {
        Path p = existing(name);
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw ManagementException.fileNotFound();
        }
    }

    /** Writes file {@code name} (replacing it) with mode 0600. */
    void write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(checkName(name));
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !inside(p)) {
            throw ManagementException.badRequest("invalid name");
        }
        AuthDirectory.ensurePrivate(dir);
        AtomicFiles.write(p, content, AtomicFiles.OWNER_ONLY);
    }

    /** Deletes file {@code name} (a link is removed, never what it points to); 404 when there is none. */
    void delete(String name) throws IOException {
        Files.delete(existing(name));
    }

    /** Deletes every {@code *.json} file; returns how many. */
    int deleteAll() throws IOException {
        int n = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : files) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p)) {
                    n++;
                }
            }
        }
        return n;
    }

    private Path existing(String name) throws IOException {
        Path p = dir.resolve(checkName(name));
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw ManagementException.fileNotFound();
        }
        if (!inside(p)) {
            throw ManagementException.badRequest("invalid name");
        }
        if (!Files.isRegularFile(p)) {
            throw ManagementException.fileNotFound();
        }
        return p;
    }

    /** Whether {@code p} (following links) is a direct child of the folder. */
    private boolean inside(Path p) throws IOException {
        if (!p.normalize().getParent().equals(dir)) {
            return false;
        }
        if (!Files.isSymbolicLink(p)) {
            return true;
        }
        try {
            return p.toRealPath().getParent().equals(dir.toRealPath());
        } catch (NoSuchFileException dangling) {
            return false;
        }
    }
}
