package dev.cliproxy.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** {@code rw-rw-r--} is one the usual umask (022) would narrow. */
    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw-rw-r--"})
    void keepsThePermissionsOfTheFileItReplaces(String mode) throws IOException {
        Path f = Files.writeString(dir.resolve("config.yaml"), "a: 1\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        AtomicFiles.write(f, "a: 2\n".getBytes(), null);
        assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
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

    @Test
    void aTemporaryFileHasTheTargetsModeFromItsCreationAndARecognisableName() throws IOException {
        Path tmp = AtomicFiles.createTemp(dir, "config.yaml", PosixFilePermissions.fromString("rw-r-----"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)));
        assertEquals(0, Files.size(tmp));
        assertTrue(tmp.getFileName().toString().matches("\\.config\\.yaml\\.[0-9]+\\.tmp"), tmp.toString());
        assertEquals(List.of(tmp.getFileName().toString()), AtomicFiles.removeLeftovers(dir.resolve("config.yaml")));
    }

    @Test
    void removesOnlyTheLeftoversOfItsOwnTarget() throws IOException {
        List<String> ours = List.of(".config.yaml.123.tmp", ".config.yaml.18446744073709551615.tmp");
        List<String> others = List.of(".config.yaml.tmp", ".config.yaml.12a.tmp", "config.yaml.123.tmp",
                ".other.yaml.123.tmp", ".config.yaml.123.tmp.bak", "config.yaml");
        for (String name : ours) {
            Files.writeString(dir.resolve(name), "api-keys: [secret]\n");
        }
        for (String name : others) {
            Files.writeString(dir.resolve(name), "kept\n");
        }
        Files.createDirectory(dir.resolve(".config.yaml.7.tmp"));
        Path elsewhere = Files.writeString(Files.createDirectory(dir.resolve("elsewhere")).resolve("x"), "kept\n");
        Files.createSymbolicLink(dir.resolve(".config.yaml.8.tmp"), elsewhere);

        assertEquals(ours, AtomicFiles.removeLeftovers(dir.resolve("config.yaml")));

        try (var left = Files.list(dir)) {
            assertEquals(Set.of(".config.yaml.tmp", ".config.yaml.12a.tmp", "config.yaml.123.tmp",
                    ".other.yaml.123.tmp", ".config.yaml.123.tmp.bak", "config.yaml", ".config.yaml.7.tmp",
                    ".config.yaml.8.tmp", "elsewhere"),
                    left.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        assertEquals("kept\n", Files.readString(elsewhere));
    }

    @Test
    void theLeftoversOfALinkedFileAreBesideItsTarget() throws IOException {
        Path realDir = Files.createDirectories(dir.resolve("real"));
        Path real = Files.writeString(realDir.resolve("settings.yaml"), "a: 1\n");
        Files.writeString(realDir.resolve(".settings.yaml.5.tmp"), "a: 0\n");
        Path link = Files.createSymbolicLink(dir.resolve("config.yaml"), real);
        assertEquals(List.of(".settings.yaml.5.tmp"), AtomicFiles.removeLeftovers(link));
    }
}
