package dev.cliproxy.host.plugins;

import dev.cliproxy.api.ProviderPlugin;
import java.nio.file.Path;
import java.util.List;

/**
 * A plugin the catalog holds: a jar it tried to load (successfully or not), or the class-path providers.
 *
 * @param id          the plugin id
 * @param version     the plugin version, or an empty string
 * @param jar         the jar, or {@code null} for the class path
 * @param fingerprint the jar's size and time when it was read, to notice a replaced jar
 * @param inPf4j      whether pf4j holds the plugin (and must unload it)
 * @param providers   its started providers (empty unless {@code status} is {@link PluginStatus#STARTED})
 * @param status      {@link PluginStatus#STARTED}, {@link PluginStatus#FAILED} or {@link PluginStatus#INCOMPATIBLE}
 * @param reason      why it failed or was refused, or {@code null}
 */
record LoadedPlugin(String id, String version, Path jar, JarFingerprint fingerprint, boolean inPf4j,
                    List<ProviderPlugin> providers, PluginStatus status, String reason) {

    LoadedPlugin {
        providers = List.copyOf(providers);
    }

    static LoadedPlugin failed(String id, String version, Path jar, JarFingerprint fingerprint, boolean inPf4j,
                               String reason) {
        return new LoadedPlugin(id, version, jar, fingerprint, inPf4j, List.of(), PluginStatus.FAILED, reason);
    }

    /** How the management API shows it, {@code enabled} or not by {@code plugins.enabled}. */
    PluginInfo info(boolean enabled) {
        PluginStatus shown = status == PluginStatus.STARTED && !enabled ? PluginStatus.DISABLED : status;
        return new PluginInfo(id, version, providers.stream().map(ProviderPlugin::id).toList(), shown,
                jar == null ? null : jar.toString(), reason);
    }
}
