package dev.cliproxy.host.plugins;

import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.ProviderPlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one plugin jar with pf4j and starts its providers, or unloads it again. Whatever goes wrong (not a jar, no
 * manifest, an incompatible plugin-api range, a provider that cannot be created or throws on start) ends in
 * a {@link LoadedPlugin} with the reason, logged once; nothing escapes to stop the host.
 */
final class PluginJarLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginJarLoader.class);

    private final SharedApiPluginManager manager;
    private final HostServices services;

    PluginJarLoader(SharedApiPluginManager manager, HostServices services) {
        this.manager = manager;
        this.services = services;
    }

    /** Loads and starts {@code jar}, read with {@code fingerprint}. */
    LoadedPlugin load(Path jar, JarFingerprint fingerprint) {
        String id;
        try {
            id = manager.loadPlugin(jar);
        } catch (RuntimeException | LinkageError e) {
            String fileId = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            return failed(LoadedPlugin.failed(fileId, "", jar, fingerprint, false,
                    "it cannot be loaded: " + message(e)));
        }
        PluginWrapper plugin = manager.getPlugin(id);
        String version = plugin.getDescriptor().getVersion() == null ? "" : plugin.getDescriptor().getVersion();
        String incompatible = manager.incompatibility(plugin.getDescriptor());
        if (incompatible != null) {
            return new LoadedPlugin(id, version, jar, fingerprint, true, List.of(), PluginStatus.INCOMPATIBLE,
                    incompatible);
        }
        try {
            if (manager.startPlugin(id) != PluginState.STARTED) {
                Throwable cause = plugin.getFailedException();
                return failed(LoadedPlugin.failed(id, version, jar, fingerprint, true,
                        "pf4j could not start it" + (cause == null ? "" : ": " + message(cause))));
            }
            List<ProviderPlugin> found = manager.getExtensions(ProviderPlugin.class, id);
            if (found.isEmpty()) {
                LOG.warn("Plugin '{}' ({}) offers no provider: if it should, its jar lacks the @Extension index"
                        + " META-INF/extensions.idx (was pf4j's annotation processor run?)", id, jar);
            }
            return start(id, version, jar, fingerprint, found);
        } catch (RuntimeException | LinkageError e) {
            return failed(LoadedPlugin.failed(id, version, jar, fingerprint, true,
                    "its providers cannot be read: " + message(e)));
        }
    }

    private LoadedPlugin start(String id, String version, Path jar, JarFingerprint fingerprint,
                               List<ProviderPlugin> found) {
        List<ProviderPlugin> started = new ArrayList<>();
        for (ProviderPlugin p : found) {
            try {
                p.id();
                p.start(services);
                started.add(p);
            } catch (RuntimeException | LinkageError e) {
                stop(id, started);
                return failed(LoadedPlugin.failed(id, version, jar, fingerprint, true,
                        "provider " + p.getClass().getName() + " failed to start: " + message(e)));
            }
        }
        LOG.info("Plugin '{}' {} loaded from {}: provider(s) {}", id, version, jar,
                started.stream().map(ProviderPlugin::id).toList());
        return new LoadedPlugin(id, version, jar, fingerprint, true, started, PluginStatus.STARTED, null);
    }

    /** Stops the plugin's providers, then lets pf4j unload it (closing its class loader). */
    void unload(LoadedPlugin plugin) {
        stop(plugin.id(), plugin.providers());
        if (!plugin.inPf4j()) {
            return;
        }
        try {
            manager.unloadPlugin(plugin.id());
            LOG.info("Plugin '{}' unloaded ({})", plugin.id(), plugin.jar());
        } catch (RuntimeException e) {
            LOG.warn("Plugin '{}' could not be unloaded cleanly: {}", plugin.id(), e.toString());
        }
    }

    /** Stops {@code providers} of plugin {@code id}, logging (never throwing) a provider that fails to stop. */
    static void stop(String id, List<ProviderPlugin> providers) {
        for (ProviderPlugin p : providers) {
            try {
                p.stop();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("A provider of plugin '{}' failed to stop", id, e);
            }
        }
    }

    private static LoadedPlugin failed(LoadedPlugin plugin) {
        LOG.error("Plugin jar {} not used: {}", plugin.jar(), plugin.reason());
        return plugin;
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? text : e.getMessage() + " (" + text + ")";
    }
}
