package dev.cliproxy.host.plugins;

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

/**
 * A pf4j plugin manager whose plugin class loaders always take the shared API packages (plugin-api, Jackson,
 * SLF4J, Micrometer) from the host. A plugin jar that bundles its own copy of one of them would otherwise fail
 * with a {@link LinkageError} on its first request instead of at load time.
 */
final class SharedApiPluginManager extends DefaultPluginManager {

    private static final String[] SHARED_PREFIXES = {
        "dev.cliproxy.api.", "com.fasterxml.jackson.", "org.slf4j.", "io.micrometer."
    };

    SharedApiPluginManager(Path pluginsRoot) {
        super(pluginsRoot);
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
