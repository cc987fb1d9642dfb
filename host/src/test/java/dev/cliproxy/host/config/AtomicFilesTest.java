package dev.cliproxy.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheFileWithANewOneAndLeavesNoTemporaryFile() throws IOException {
        Path f = Files.writeString(dir.resolve("config.yaml"), "old: 1\n");
        Object before = Files.readAttributes(f, BasicFileAttributes.class).fileKey();
        AtomicFiles.write(f, "new: 2\n".getBytes(), null);
        assertEquals("new: 2\n", Files.readString(f));
        assertNotEquals(before, Files.readAttributes(f, BasicFileAttributes.class).fileKey(),
                "a new file is renamed into place; the old one is never truncated");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void keepsThePermissionsOfTheFileItReplaces() throws IOException {
        Path f = Files.writeString(dir.resolve("config.yaml"), "a: 1\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(f, "a: 2\n".getBytes(), null);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void newFilesAndExplicitPermissionsAreOwnerOnly() throws IOException {
        Path created = dir.resolve("new.yaml");
        AtomicFiles.write(created, "a: 1\n".getBytes(), null);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));
        Path loose = Files.writeString(dir.resolve("cred.json"), "{}");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-rw-rw-"));
        AtomicFiles.write(loose, "{\"a\":1}".getBytes(), AtomicFiles.OWNER_ONLY);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(loose)));
    }

    @Test
    void aSymbolicLinkKeepsPointingAtTheReplacedFile() throws IOException {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("config.yaml"), "a: 1\n");
        Path link = Files.createSymbolicLink(dir.resolve("config.yaml"), real);
        AtomicFiles.write(link, "a: 2\n".getBytes(), null);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("a: 2\n", Files.readString(real));
    }
}
