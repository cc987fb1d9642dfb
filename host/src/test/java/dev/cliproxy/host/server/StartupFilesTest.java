package dev.cliproxy.host.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.config.ConfigLoader;
import dev.cliproxy.host.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a start of the real server does to the files it owns: leftovers of crashed writes, modes, warnings. */
class StartupFilesTest {

    @TempDir
    Path dir;

    @Test
    void removesTheCopiesACrashedWriteLeftBesideTheConfigAndInAuthDir() throws IOException {
        Path auth = Files.createDirectories(dir.resolve("auth"));
        Path config = config("api-keys: [k]\n", "rw-------");
        Files.writeString(dir.resolve(".config.yaml.123.tmp"), "api-keys: [k]\n");
        Files.writeString(dir.resolve(".notes.txt.123.tmp"), "not ours\n");
        Files.writeString(auth.resolve(".claude-a.json.77.tmp"), "{\"access_token\":\"t\"}");
        Files.writeString(auth.resolve("claude-a.json"), "{\"type\":\"claude\"}");

        try (LogCapture logs = new LogCapture(); ProxyServer ignored = start(config)) {
            assertTrue(logs.contains("INFO", "[.config.yaml.123.tmp]"), logs.lines().toString());
            assertTrue(logs.contains("INFO", "[.claude-a.json.77.tmp]"), logs.lines().toString());
        }
        assertEquals(Set.of("config.yaml", ".notes.txt.123.tmp", "auth", "plugins"), names(dir));
        assertEquals(Set.of("claude-a.json"), names(auth));
    }

    @Test
    void warnsAtStartAboutAConfigWithSecretsThatOthersCanRead() throws IOException {
        Path config = config("api-keys: [k]\n", "rw-r--r--");
        try (LogCapture logs = new LogCapture(); ProxyServer ignored = start(config)) {
            assertTrue(logs.contains("WARN", config + " holds secrets (api-keys) and can be read by its group and"
                    + " all users (mode rw-r--r--): make it private with `chmod 600 " + config + "`"),
                    logs.lines().toString());
        }
    }

    @Test
    void hashingTheManagementKeyAtStartKeepsTheConfigsMode() throws IOException {
        Path config = config("remote-management:\n  secret-key: plain-text-key\n", "rw-r-----");
        try (ProxyServer ignored = start(config)) {
            assertFalse(Files.readString(config).contains("plain-text-key"));
        }
        assertEquals("rw-r-----", mode(config));
    }

    @Test
    void createsAMissingAuthDirPrivate() throws IOException {
        Path config = config("", "rw-------");
        try (ProxyServer ignored = start(config)) {
            assertEquals("rwx------", mode(dir.resolve("auth")));
        }
    }

    @Test
    void tightensAnAuthDirOthersCanReadAndSaysSo() throws IOException {
        Path auth = Files.createDirectories(dir.resolve("auth"));
        Files.setPosixFilePermissions(auth, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = config("", "rw-------");
        try (LogCapture logs = new LogCapture(); ProxyServer ignored = start(config)) {
            assertEquals("rwx------", mode(auth));
            assertTrue(logs.contains("WARN", "auth-dir " + auth + " was open to other users (rwxr-xr-x)"),
                    logs.lines().toString());
        }
    }

    private Path config(String yaml, String mode) throws IOException {
        Path config = Files.writeString(dir.resolve("config.yaml"),
                "host: 127.0.0.1\nport: 0\nauth-dir: " + dir.resolve("auth") + "\n" + yaml);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString(mode));
        return config;
    }

    private ProxyServer start(Path config) throws IOException {
        return ProxyServer.start(ConfigLoader.load(config), Files.createDirectories(dir.resolve("plugins")));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static Set<String> names(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
