package dev.cliproxy.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built provider plugin jars are loadable by pf4j: each names its plugin in the manifest and carries the
 * extension index listing its provider (javac 23+ silently skips the index unless the processor is configured).
 */
class PluginJarsTest {

    private static final Path JARS = Path.of("target", "test-plugins");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "openai-compat, dev.cliproxy.plugin.openaicompat.OpenAiCompatProvider",
            "claude, dev.cliproxy.plugin.claude.ClaudeProvider",
            "gemini, dev.cliproxy.plugin.gemini.GeminiProvider",
            "codex, dev.cliproxy.plugin.codex.CodexProvider"})
    void pluginJarHasItsManifestAndExtensionIndex(String id, String provider) throws IOException {
        Path jar = JARS.resolve("plugin-" + id + ".jar");
        assertTrue(Files.isRegularFile(jar), "built plugin jar " + jar.toAbsolutePath());
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            assertEquals(id, manifest.getMainAttributes().getValue("Plugin-Id"));
            assertEquals("org.pf4j.Plugin", manifest.getMainAttributes().getValue("Plugin-Class"));
            var index = file.getEntry("META-INF/extensions.idx");
            assertNotNull(index, "META-INF/extensions.idx in " + jar);
            try (InputStream in = file.getInputStream(index)) {
                assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().anyMatch(provider::equals),
                        "the index lists " + provider);
            }
            assertTrue(file.stream().noneMatch(e -> e.getName().startsWith("dev/cliproxy/api/")
                    || e.getName().startsWith("com/fasterxml/")), "host-provided classes are not bundled");
        }
    }
}
