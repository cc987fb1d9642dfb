package dev.cliproxy.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.PluginApi;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.host.authfiles.TokenFileStore;
import dev.cliproxy.host.config.ConfigLoader;
import dev.cliproxy.host.services.PluginServices;
import dev.cliproxy.host.upstream.OkHttpUpstreamHttp;
import dev.cliproxy.host.upstream.WholeAnswerCaller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginClassLoader;

/** Loads the real openai-compat plugin jar built by this build from a plugins folder. */
class ProviderLoaderTest {

    private static final Path BUILT_JAR = Path.of("target/test-plugins/plugin-openai-compat.jar");

    @TempDir
    Path plugins;

    @Test
    void builtPluginJarCarriesItsExtensionIndex() throws Exception {
        try (JarFile jar = new JarFile(BUILT_JAR.toFile())) {
            assertNotNull(jar.getEntry("META-INF/extensions.idx"), "pf4j's annotation processor ran");
            assertEquals("openai-compat", jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
        }
    }

    @Test
    void loadsProviderFromJarAndSkipsCorruptJar() throws Exception {
        Files.copy(BUILT_JAR, plugins.resolve("plugin-openai-compat.jar"));
        Files.write(plugins.resolve("broken-plugin.jar"), "this is not a zip file".getBytes());
        try (OkHttpUpstreamHttp http = new OkHttpUpstreamHttp(ConfigLoader::defaults);
             ProviderLoader loader = ProviderLoader.load(plugins,
                     services(http))) {
            ProviderPlugin p = loader.providers().get("openai-compat");
            assertNotNull(p, "provider loaded");
            assertTrue(p.getClass().getClassLoader() instanceof PluginClassLoader,
                    "the jar's copy wins over the class path: " + p.getClass().getClassLoader());
        }
    }

    @Test
    void refusesAJarBuiltForAnotherMajorVersionAndListsItWithTheReason() throws Exception {
        copyWithRequires(plugins.resolve("plugin-openai-compat-v1.jar"), ">=1.0.0 & <2.0.0");
        try (OkHttpUpstreamHttp http = new OkHttpUpstreamHttp(ConfigLoader::defaults);
             ProviderLoader loader = ProviderLoader.load(plugins, services(http))) {
            ProviderPlugin p = loader.providers().get("openai-compat");
            assertFalse(p.getClass().getClassLoader() instanceof PluginClassLoader, "the refused jar is not used");
            assertEquals(1, loader.refused().size());
            RefusedPlugin refused = loader.refused().get(0);
            assertEquals("openai-compat", refused.id());
            assertTrue(refused.reason().contains(">=1.0.0 & <2.0.0") && refused.reason().contains(PluginApi.VERSION),
                    refused.reason());
        }
    }

    @Test
    void refusesAJarThatDeclaresNoPluginApiVersion() throws Exception {
        copyWithRequires(plugins.resolve("plugin-openai-compat-any.jar"), "*");
        try (OkHttpUpstreamHttp http = new OkHttpUpstreamHttp(ConfigLoader::defaults);
             ProviderLoader loader = ProviderLoader.load(plugins, services(http))) {
            assertEquals(1, loader.refused().size());
            assertTrue(loader.refused().get(0).reason().contains("declares no plugin-api version"));
        }
    }

    @Test
    void builtJarsRequireThisMajorVersion() throws Exception {
        try (JarFile jar = new JarFile(BUILT_JAR.toFile())) {
            assertEquals(PluginApi.requiresRange(), jar.getManifest().getMainAttributes().getValue("Plugin-Requires"));
        }
    }

    private static void copyWithRequires(Path target, String requires) throws Exception {
        try (JarFile in = new JarFile(BUILT_JAR.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Plugin-Requires", requires);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (JarEntry e : java.util.Collections.list(in.entries())) {
                    if (e.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    try (var data = in.getInputStream(e)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }

    private PluginServices services(OkHttpUpstreamHttp http) {
        return new PluginServices(Clock.systemUTC(), new SimpleMeterRegistry(), new WholeAnswerCaller(http),
                new TokenFileStore(() -> plugins, () -> { }));
    }

    @Test
    void startsWithoutPluginsFolder() {
        try (OkHttpUpstreamHttp http = new OkHttpUpstreamHttp(ConfigLoader::defaults);
             ProviderLoader loader = ProviderLoader.load(plugins.resolve("missing"),
                     services(http))) {
            assertNotNull(loader.providers().get("openai-compat"), "class-path provider still found");
        }
    }
}
