package dev.cliproxy.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.host.config.ConfigLoader;
import dev.cliproxy.host.services.CaffeineTokenCache;
import dev.cliproxy.host.services.PluginServices;
import dev.cliproxy.host.upstream.OkHttpUpstreamHttp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.jar.JarFile;
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
        Clock clock = Clock.systemUTC();
        try (OkHttpUpstreamHttp http = new OkHttpUpstreamHttp(ConfigLoader::defaults);
             ProviderLoader loader = ProviderLoader.load(plugins,
                     new PluginServices(http, new CaffeineTokenCache(clock), new SimpleMeterRegistry(), clock))) {
            ProviderPlugin p = loader.providers().get("openai-compat");
            assertNotNull(p, "provider loaded");
            assertTrue(p.getClass().getClassLoader() instanceof PluginClassLoader,
                    "the jar's copy wins over the class path: " + p.getClass().getClassLoader());
        }
    }

    @Test
    void startsWithoutPluginsFolder() {
        Clock clock = Clock.systemUTC();
        try (OkHttpUpstreamHttp http = new OkHttpUpstreamHttp(ConfigLoader::defaults);
             ProviderLoader loader = ProviderLoader.load(plugins.resolve("missing"),
                     new PluginServices(http, new CaffeineTokenCache(clock), new SimpleMeterRegistry(), clock))) {
            assertNotNull(loader.providers().get("openai-compat"), "class-path provider still found");
        }
    }
}
