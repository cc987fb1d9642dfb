package dev.cliproxy.host.plugins;

import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.host.config.ProxyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every provider plugin the host knows: the jars of the plugins folder (loaded with pf4j, in file-name order at
 * start, then as they appear) and the providers found on the class path (tests, the IDE), listed as one plugin
 * {@value #BUILTIN}. {@link #sync} brings it in line with the folder: a new jar is loaded, a removed one is
 * unloaded, a replaced one is loaded again. A jar that fails or is incompatible stays listed with its reason and
 * contributes nothing. {@link #enabled} gives the providers that serve requests; when two plugins offer the same
 * provider id, the jar loaded first wins and the class path comes last.
 */
public final class PluginCatalog implements ProviderSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginCatalog.class);

    /** The plugin id under which the class-path providers are listed and enabled. */
    public static final String BUILTIN = "builtin";

    private final Path dir;
    private final SharedApiPluginManager manager;
    private final PluginJarLoader loader;
    private final LoadedPlugin builtin;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile List<LoadedPlugin> jars = List.of();

    private PluginCatalog(Path dir, SharedApiPluginManager manager, PluginJarLoader loader, LoadedPlugin builtin) {
        this.dir = dir;
        this.manager = manager;
        this.loader = loader;
        this.builtin = builtin;
    }

    /** Starts the class-path providers and loads every jar of {@code dir}; {@code services} is handed to each. */
    public static PluginCatalog open(Path dir, HostServices services) {
        SharedApiPluginManager manager = new SharedApiPluginManager(dir.toAbsolutePath());
        PluginCatalog catalog = new PluginCatalog(dir, manager, new PluginJarLoader(manager, services),
                builtin(manager, services));
        if (!Files.isDirectory(dir)) {
            LOG.info("Plugins folder {} does not exist; using providers on the class path only", dir);
        }
        catalog.sync(() -> { });
        return catalog;
    }

    private static LoadedPlugin builtin(SharedApiPluginManager manager, HostServices services) {
        List<ProviderPlugin> started = new ArrayList<>();
        try {
            for (ProviderPlugin p : manager.getExtensions(ProviderPlugin.class, null)) {
                try {
                    p.start(services);
                    started.add(p);
                } catch (RuntimeException e) {
                    LOG.error("Class-path provider {} failed to start and is skipped", p.getClass().getName(), e);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Cannot read the providers of the class path", e);
        }
        if (started.isEmpty()) {
            return null;
        }
        String version = Objects.requireNonNullElse(PluginCatalog.class.getPackage().getImplementationVersion(), "dev");
        return new LoadedPlugin(BUILTIN, version, null, null, false, started, PluginStatus.STARTED, null);
    }

    /** The folder the jars are loaded from. */
    public Path dir() {
        return dir;
    }

    /**
     * Brings the catalog in line with the jars in the folder. Removed or replaced jars leave first: they are taken
     * out of the catalog, {@code rebuild} runs (so no new request routes to them), then their providers are stopped
     * and pf4j unloads them. New or replaced jars are then loaded and {@code rebuild} runs again.
     *
     * @return whether anything changed
     */
    public boolean sync(Runnable rebuild) {
        lock.lock();
        try {
            Map<Path, JarFingerprint> onDisk = scan();
            List<LoadedPlugin> leaving = jars.stream()
                    .filter(p -> !Objects.equals(p.fingerprint(), onDisk.get(p.jar()))).toList();
            if (!leaving.isEmpty()) {
                jars = jars.stream().filter(p -> !leaving.contains(p)).toList();
                rebuild.run();
                leaving.forEach(loader::unload);
            }
            Set<Path> known = new LinkedHashSet<>(jars.stream().map(LoadedPlugin::jar).toList());
            List<LoadedPlugin> arriving = onDisk.entrySet().stream().filter(e -> !known.contains(e.getKey()))
                    .map(e -> loader.load(e.getKey(), e.getValue())).toList();
            if (!arriving.isEmpty()) {
                jars = Stream.concat(jars.stream(), arriving.stream()).toList();
                rebuild.run();
            }
            return !leaving.isEmpty() || !arriving.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The jars in the folder by file name, with their fingerprints. */
    private Map<Path, JarFingerprint> scan() {
        Map<Path, JarFingerprint> found = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                JarFingerprint print = JarFingerprint.of(jar);
                if (print != null && Files.isRegularFile(jar)) {
                    found.put(jar, print);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list the plugins folder {}: {}", dir, e.toString());
        }
        return found;
    }

    @Override
    public Providers enabled(ProxyConfig.Plugins settings) {
        Map<String, ProviderPlugin> byId = new LinkedHashMap<>();
        for (LoadedPlugin plugin : all()) {
            if (plugin.status() != PluginStatus.STARTED || !settings.enables(plugin.id())) {
                continue;
            }
            for (ProviderPlugin p : plugin.providers()) {
                if (byId.putIfAbsent(p.id(), p) != null) {
                    LOG.debug("Provider '{}' of plugin '{}' ignored: another plugin offers it", p.id(), plugin.id());
                }
            }
        }
        return new Providers(List.copyOf(byId.values()));
    }

    /** Every plugin, jars first, as shown under {@code settings}. */
    public List<PluginInfo> list(ProxyConfig.Plugins settings) {
        return all().stream().map(p -> p.info(settings.enables(p.id()))).toList();
    }

    /** The ids of every plugin listed. */
    public List<String> ids() {
        return all().stream().map(LoadedPlugin::id).distinct().toList();
    }

    private List<LoadedPlugin> all() {
        return builtin == null ? jars : Stream.concat(jars.stream(), Stream.of(builtin)).toList();
    }

    /** Stops every provider, then unloads the plugins ({@code unloadPlugin}, never {@code stopPlugins}: pf4j#656). */
    @Override
    public void close() {
        lock.lock();
        try {
            jars.forEach(loader::unload);
            jars = List.of();
            if (builtin != null) {
                PluginJarLoader.stop(BUILTIN, builtin.providers());
            }
            manager.unloadPlugins();
        } finally {
            lock.unlock();
        }
    }
}
