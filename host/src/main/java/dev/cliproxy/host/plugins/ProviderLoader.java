package dev.cliproxy.host.plugins;

import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.ProviderPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads provider plugins with pf4j: jars from the plugins folder first, then extensions found on the class path
 * (tests, the IDE). A jar that cannot be loaded is logged and skipped; the server still starts. When two sources
 * offer the same provider id, the plugin jar wins.
 */
public final class ProviderLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderLoader.class);

    private final SharedApiPluginManager manager;
    private final Providers providers;

    private ProviderLoader(SharedApiPluginManager manager, Providers providers) {
        this.manager = manager;
        this.providers = providers;
    }

    /** Loads, starts and registers every provider; {@code services} is handed to each. */
    public static ProviderLoader load(Path pluginsDir, HostServices services) {
        SharedApiPluginManager manager = new SharedApiPluginManager(pluginsDir.toAbsolutePath());
        if (Files.isDirectory(pluginsDir)) {
            manager.loadPlugins();
            manager.startPlugins();
        } else {
            LOG.info("Plugins folder {} does not exist; using providers on the class path only", pluginsDir);
        }
        Map<String, ProviderPlugin> byId = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            for (ProviderPlugin p : safeExtensions(manager, plugin.getPluginId())) {
                register(byId, origin, p, "plugin " + plugin.getPluginId() + " (" + plugin.getPluginPath() + ")");
            }
        }
        for (ProviderPlugin p : safeExtensions(manager, null)) {
            register(byId, origin, p, "class path");
        }
        List<ProviderPlugin> started = new ArrayList<>();
        for (ProviderPlugin p : byId.values()) {
            try {
                p.start(services);
                started.add(p);
            } catch (RuntimeException e) {
                LOG.error("Provider '{}' failed to start and is skipped", p.id(), e);
            }
        }
        LOG.info("Loaded {} provider(s): {}", started.size(),
                started.stream().map(p -> p.id() + " [" + origin.get(p.id()) + "]").toList());
        return new ProviderLoader(manager, new Providers(started));
    }

    private static List<ProviderPlugin> safeExtensions(SharedApiPluginManager manager, String pluginId) {
        try {
            return manager.getExtensions(ProviderPlugin.class, pluginId);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Cannot read providers of {}", pluginId == null ? "the class path" : "plugin " + pluginId, e);
            return List.of();
        }
    }

    private static void register(Map<String, ProviderPlugin> byId, Map<String, String> origin, ProviderPlugin p,
                                 String from) {
        String id;
        try {
            id = p.id();
        } catch (RuntimeException e) {
            LOG.error("Provider {} from {} has no usable id; skipped", p.getClass().getName(), from, e);
            return;
        }
        if (byId.containsKey(id)) {
            LOG.debug("Provider '{}' from {} ignored: already loaded from {}", id, from, origin.get(id));
            return;
        }
        byId.put(id, p);
        origin.put(id, from);
    }

    /** The loaded providers. */
    public Providers providers() {
        return providers;
    }

    /** Plugin jars that were refused or failed, with the reason (for logs and the management API). */
    public List<RefusedPlugin> refused() {
        return manager.refused();
    }

    /**
     * Stops every provider ({@link ProviderPlugin#stop}), then unloads the plugins ({@code unloadPlugins}, never
     * {@code stopPlugins}: pf4j#656).
     */
    @Override
    public void close() {
        for (ProviderPlugin p : providers.all()) {
            try {
                p.stop();
            } catch (RuntimeException e) {
                LOG.warn("Provider '{}' failed to stop", p.id(), e);
            }
        }
        manager.unloadPlugins();
    }
}
