package dev.cliproxy.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.PluginApi;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.host.authfiles.TokenFileStore;
import dev.cliproxy.host.config.ConfigLoader;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.services.PluginServices;
import dev.cliproxy.host.testing.JarTestProvider;
import dev.cliproxy.host.testing.TestPluginJar;
import dev.cliproxy.host.upstream.OkHttpUpstreamHttp;
import dev.cliproxy.host.upstream.WholeAnswerCaller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginClassLoader;

/** Loads, lists and unloads plugin jars of a plugins folder: the built openai-compat jar and jars made here. */
class PluginCatalogTest {

    private static final Path BUILT_JAR = Path.of("target/test-plugins/plugin-openai-compat.jar");
    private static final ProxyConfig.Plugins ALL = ProxyConfig.Plugins.DEFAULT;

    @TempDir
    Path plugins;

    private OkHttpUpstreamHttp http;

    @BeforeEach
    void client() {
        http = new OkHttpUpstreamHttp(ConfigLoader::defaults);
    }

    @AfterEach
    void closeClient() {
        http.close();
    }

    @Test
    void builtPluginJarCarriesItsExtensionIndex() throws Exception {
        try (JarFile jar = new JarFile(BUILT_JAR.toFile())) {
            assertNotNull(jar.getEntry("META-INF/extensions.idx"), "pf4j's annotation processor ran");
            assertEquals("openai-compat", jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
        }
    }

    @Test
    void loadsProviderFromJarAndListsACorruptJarAsFailed() throws Exception {
        Files.copy(BUILT_JAR, plugins.resolve("plugin-openai-compat.jar"));
        Files.write(plugins.resolve("broken-plugin.jar"), "this is not a zip file".getBytes());
        try (PluginCatalog catalog = open()) {
            ProviderPlugin p = catalog.enabled(ALL).get("openai-compat");
            assertNotNull(p, "provider loaded");
            assertTrue(p.getClass().getClassLoader() instanceof PluginClassLoader,
                    "the jar's copy wins over the class path: " + p.getClass().getClassLoader());
            PluginInfo broken = find(catalog, "broken-plugin");
            assertEquals(PluginStatus.FAILED, broken.status());
            assertTrue(broken.reason().startsWith("it cannot be loaded"), broken.reason());
            assertEquals(PluginStatus.STARTED, find(catalog, "openai-compat").status());
        }
    }

    @Test
    void refusesAJarBuiltForAnotherMajorVersionAndListsItAsIncompatible() throws Exception {
        copyWithRequires(plugins.resolve("plugin-openai-compat-v1.jar"), ">=1.0.0 & <2.0.0");
        try (PluginCatalog catalog = open()) {
            ProviderPlugin p = catalog.enabled(ALL).get("openai-compat");
            assertFalse(p.getClass().getClassLoader() instanceof PluginClassLoader, "the refused jar is not used");
            PluginInfo refused = find(catalog, "openai-compat");
            assertEquals(PluginStatus.INCOMPATIBLE, refused.status());
            assertEquals(List.of(), refused.providers());
            assertTrue(refused.reason().contains(">=1.0.0 & <2.0.0") && refused.reason().contains(PluginApi.VERSION),
                    refused.reason());
        }
    }

    @Test
    void refusesAJarThatDeclaresNoPluginApiVersion() throws Exception {
        copyWithRequires(plugins.resolve("plugin-openai-compat-any.jar"), "*");
        try (PluginCatalog catalog = open()) {
            PluginInfo refused = find(catalog, "openai-compat");
            assertEquals(PluginStatus.INCOMPATIBLE, refused.status());
            assertTrue(refused.reason().contains("declares no plugin-api version"), refused.reason());
        }
    }

    @Test
    void builtJarsRequireThisMajorVersion() throws Exception {
        try (JarFile jar = new JarFile(BUILT_JAR.toFile())) {
            assertEquals(PluginApi.requiresRange(), jar.getManifest().getMainAttributes().getValue("Plugin-Requires"));
        }
    }

    @Test
    void syncLoadsANewJarAndUnloadsARemovedOneRebuildingEachTime() throws Exception {
        AtomicInteger rebuilds = new AtomicInteger();
        try (PluginCatalog catalog = open()) {
            assertNull(catalog.enabled(ALL).get(JarTestProvider.ID));
            Path jar = TestPluginJar.write(plugins.resolve("jar-test.jar"), "jar-test", PluginApi.requiresRange(),
                    JarTestProvider.class);
            assertTrue(catalog.sync(rebuilds::incrementAndGet));
            ProviderPlugin loaded = catalog.enabled(ALL).get(JarTestProvider.ID);
            assertTrue(loaded.getClass().getClassLoader() instanceof PluginClassLoader, "loaded from the jar");
            assertEquals(new PluginInfo("jar-test", "1.2.3", List.of("jar-test"), PluginStatus.STARTED,
                    jar.toString(), null), find(catalog, "jar-test"));
            assertFalse(catalog.sync(rebuilds::incrementAndGet), "nothing changed");

            Files.delete(jar);
            assertTrue(catalog.sync(rebuilds::incrementAndGet));
            assertNull(catalog.enabled(ALL).get(JarTestProvider.ID));
            assertFalse(catalog.ids().contains("jar-test"));
            assertEquals(2, rebuilds.get());
        }
    }

    @Test
    void aReplacedJarIsUnloadedAndLoadedAgain() {
        Path jar = TestPluginJar.write(plugins.resolve("jar-test.jar"), "jar-test", PluginApi.requiresRange(),
                JarTestProvider.class);
        try (PluginCatalog catalog = open()) {
            ProviderPlugin first = catalog.enabled(ALL).get(JarTestProvider.ID);
            TestPluginJar.write(jar, "jar-test-renamed", PluginApi.requiresRange(), JarTestProvider.class);
            assertTrue(catalog.sync(() -> { }));
            assertFalse(catalog.ids().contains("jar-test"), "the old plugin is unloaded");
            assertEquals(PluginStatus.STARTED, find(catalog, "jar-test-renamed").status());
            ProviderPlugin second = catalog.enabled(ALL).get(JarTestProvider.ID);
            assertTrue(first.getClass().getClassLoader() != second.getClass().getClassLoader(),
                    "the provider comes from the new jar's class loader");
        }
    }

    @Test
    void aPluginLeftOutOfTheEnabledListContributesNothingButIsListedAsDisabled() throws Exception {
        TestPluginJar.write(plugins.resolve("jar-test.jar"), "jar-test", PluginApi.requiresRange(),
                JarTestProvider.class);
        try (PluginCatalog catalog = open()) {
            ProxyConfig.Plugins builtinOnly = new ProxyConfig.Plugins("plugins", List.of(PluginCatalog.BUILTIN));
            assertNull(catalog.enabled(builtinOnly).get(JarTestProvider.ID));
            assertNotNull(catalog.enabled(builtinOnly).get("openai-compat"), "class-path providers stay");
            assertEquals(PluginStatus.DISABLED, catalog.list(builtinOnly).stream()
                    .filter(p -> p.id().equals("jar-test")).findFirst().orElseThrow().status());
        }
    }

    @Test
    void startsWithoutPluginsFolder() {
        try (PluginCatalog catalog = PluginCatalog.open(plugins.resolve("missing"), services())) {
            assertNotNull(catalog.enabled(ALL).get("openai-compat"), "class-path provider still found");
            assertEquals(List.of(PluginCatalog.BUILTIN), catalog.ids());
        }
    }

    private PluginCatalog open() {
        return PluginCatalog.open(plugins, services());
    }

    private static PluginInfo find(PluginCatalog catalog, String id) {
        return catalog.list(ALL).stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + id + " in " + catalog.list(ALL)));
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

    private PluginServices services() {
        return new PluginServices(Clock.systemUTC(), new SimpleMeterRegistry(), new WholeAnswerCaller(http),
                new TokenFileStore(() -> plugins, () -> { }));
    }
}
