package dev.cliproxy.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigFileExposureTest {

    @TempDir
    Path dir;

    record Case(String yaml, Set<String> secretKeys) {
    }

    static Stream<Case> configs() {
        return Stream.of(
                new Case("api-keys: [k1]\n", Set.of("api-keys")),
                new Case("api-keys: []\nport: 8317\n", Set.of()),
                new Case("remote-management:\n  secret-key: \"\"\n", Set.of()),
                new Case("remote-management:\n  secret-key: s3cret\n", Set.of("remote-management")),
                new Case("remote-management-key: s3cret\n", Set.of("remote-management-key")),
                new Case("gemini-api-key:\n  - api-key: AIza1\n", Set.of("gemini-api-key")),
                new Case("generative-language-api-key: [AIza1]\n", Set.of("generative-language-api-key")),
                new Case("openai-compatibility:\n  - name: x\n    base-url: http://h/v1\n    api-key-entries:\n"
                        + "      - api-key: sk-1\n", Set.of("openai-compatibility")),
                new Case("openai-compatibility:\n  - name: x\n    base-url: http://h/v1\n", Set.of()),
                new Case("claude-api-key:\n  - api-key: \"\"\n    headers:\n      Authorization: Bearer t\n",
                        Set.of("claude-api-key")),
                new Case("proxy-url: socks5://user:pass@127.0.0.1:1080\n", Set.of("proxy-url")),
                new Case("proxy-url: socks5://127.0.0.1:1080\n", Set.of()),
                new Case("ampcode:\n  upstream-api-key: amp\n", Set.of("ampcode")),
                new Case("tls:\n  enable: false\n  key: /etc/key.pem\n  cert: /etc/cert.pem\n", Set.of()));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void findsTheKeysThatHoldSecrets(Case c) {
        ProxyConfig config = ConfigLoader.parse(c.yaml(), "config.yaml", null);
        assertEquals(c.secretKeys(), ConfigFileExposure.keysHoldingSecrets(config.raw()), c.yaml());
    }

    @Test
    void warnsNamingTheFileAndTheFixWhenAConfigWithSecretsIsReadableByOthers() throws IOException {
        Path file = config("api-keys: [client-key-1]\nport: 8317\n", "rw-r--r--");
        try (LogCapture logs = new LogCapture()) {
            ConfigFileExposure.warnIfReadableByOthers(ConfigLoader.load(file));
            List<String> warnings = logs.lines().stream().filter(l -> l.startsWith("WARN ")).toList();
            assertEquals(1, warnings.size(), logs.lines().toString());
            String warning = warnings.get(0);
            assertTrue(warning.contains(file.toAbsolutePath().toString()), warning);
            assertTrue(warning.contains("chmod 600 " + file.toAbsolutePath()), warning);
            assertTrue(warning.contains("api-keys") && warning.contains("rw-r--r--"), warning);
            assertFalse(warning.contains("client-key-1"), "never a secret in a log line: " + warning);
        }
    }

    @Test
    void staysSilentForAPrivateConfigAndForOneWithoutSecrets() throws IOException {
        Path secret = config("api-keys: [k]\n", "rw-------");
        Path plain = Files.writeString(dir.resolve("plain.yaml"), "port: 8317\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        try (LogCapture logs = new LogCapture()) {
            ConfigFileExposure.warnIfReadableByOthers(ConfigLoader.load(secret));
            ConfigFileExposure.warnIfReadableByOthers(ConfigLoader.load(plain));
            assertEquals(List.of(), logs.lines());
        }
    }

    private Path config(String yaml, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve("config.yaml"), yaml);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
