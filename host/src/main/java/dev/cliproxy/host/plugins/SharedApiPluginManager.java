package dev.cliproxy.host.plugins;

import dev.cliproxy.api.PluginApi;
import java.nio.file.Path;
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
 * line and stays disabled; {@link #incompatibility} says why.
 */
final class SharedApiPluginManager extends DefaultPluginManager {

    private static final Logger LOG = LoggerFactory.getLogger(SharedApiPluginManager.class);

    private static final String[] SHARED_PREFIXES = {
        "dev.cliproxy.api.", "dev.cliproxy.formats.", "com.fasterxml.jackson.", "org.slf4j.", "io.micrometer."
    };

    SharedApiPluginManager(Path pluginsRoot) {
        super(pluginsRoot);
        setSystemVersion(PluginApi.VERSION);
    }

    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        String reason = incompatibility(plugin.getDescriptor());
        if (reason == null) {
            return true;
        }
        LOG.error("Plugin '{}' ({}) refused: {}", plugin.getPluginId(), plugin.getPluginPath(), reason);
        return false;
    }

    /** Why a plugin with {@code descriptor} cannot run on this host, or {@code null} when it can. */
    String incompatibility(PluginDescriptor descriptor) {
        String requires = descriptor.getRequires() == null ? "" : descriptor.getRequires().trim();
        if (requires.isEmpty() || requires.equals("*")) {
            return "it declares no plugin-api version (Plugin-Requires: " + (requires.isEmpty() ? "none" : "*")
                    + "); rebuild it against plugin-api " + PluginApi.VERSION;
        }
        if (!getVersionManager().checkVersionConstraint(PluginApi.VERSION, requires)) {
            return "it was built for plugin-api " + requires + " but this host provides " + PluginApi.VERSION;
        }
        return null;
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
