package dev.cliproxy.host.plugins;

import dev.cliproxy.api.PluginApi;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DevelopmentPluginLoader;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pf4j plugin manager whose plugin class loaders always take the shared API packages (plugin-api, formats,
 * Jackson, SLF4J, Micrometer) from the host. A plugin jar that bundles its own copy of one of them would otherwise
 * fail with a {@link LinkageError} on its first request instead of at load time.
 *
 * <p>The system version is {@link PluginApi#VERSION}: a jar whose {@code Plugin-Requires} range does not include it
 * (built against another major version of plugin-api, or declaring no range at all) is refused with one clear log
 * line and kept in {@link #refused()}.
 */
final class SharedApiPluginManager extends DefaultPluginManager {

    private static final Logger LOG = LoggerFactory.getLogger(SharedApiPluginManager.class);

    private final List<RefusedPlugin> refused = new CopyOnWriteArrayList<>();

    private static final String[] SHARED_PREFIXES = {
        "dev.cliproxy.api.", "dev.cliproxy.formats.", "com.fasterxml.jackson.", "org.slf4j.", "io.micrometer."
    };

    SharedApiPluginManager(Path pluginsRoot) {
        super(pluginsRoot);
        setSystemVersion(PluginApi.VERSION);
    }

    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        String requires = plugin.getDescriptor().getRequires() == null ? ""
                : plugin.getDescriptor().getRequires().trim();
        String reason = null;
        if (requires.isEmpty() || requires.equals("*")) {
            reason = "declares no plugin-api version (Plugin-Requires: " + (requires.isEmpty() ? "none" : "*")
                    + "); rebuild it against plugin-api " + PluginApi.VERSION;
        } else if (!getVersionManager().checkVersionConstraint(PluginApi.VERSION, requires)) {
            reason = "was built for plugin-api " + requires + " but this host provides " + PluginApi.VERSION;
        }
        if (reason == null) {
            return true;
        }
        LOG.error("Plugin '{}' ({}) refused: it {}", plugin.getPluginId(), plugin.getPluginPath(), reason);
        refused.add(new RefusedPlugin(plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                plugin.getPluginPath().toString(), "incompatible: it " + reason));
        return false;
    }

    /** The plugins refused so far. */
    List<RefusedPlugin> refused() {
        return List.copyOf(refused);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader()
                .add(new DevelopmentPluginLoader(this) {
                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor descriptor) {
                        return sharedApiLoader(pluginManager, descriptor, getClass().getClassLoader());
                    }
                }, this::isDevelopment)
                .add(new JarPluginLoader(this) {
                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor descriptor) {
                        return sharedApiLoader(pluginManager, descriptor, getClass().getClassLoader());
                    }
                }, this::isNotDevelopment)
                .add(new DefaultPluginLoader(this) {
                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor descriptor) {
                        return sharedApiLoader(pluginManager, descriptor, getClass().getClassLoader());
                    }
                }, this::isNotDevelopment);
    }

    private static PluginClassLoader sharedApiLoader(PluginManager manager, PluginDescriptor descriptor,
                                                     ClassLoader parent) {
        return new PluginClassLoader(manager, descriptor, parent) {
            @Override
            protected boolean shouldDelegateToParent(String className) {
                if (super.shouldDelegateToParent(className)) {
                    return true;
                }
                for (String prefix : SHARED_PREFIXES) {
                    if (className.startsWith(prefix)) {
                        return true;
                    }
                }
                return false;
            }
        };
    }
}
