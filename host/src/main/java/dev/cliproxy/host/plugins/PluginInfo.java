package dev.cliproxy.host.plugins;

import java.util.List;

/**
 * One plugin as the management API lists it.
 *
 * @param id        the jar's {@code Plugin-Id} (its file name when the jar has none), or {@value PluginCatalog#BUILTIN}
 *                  for the providers found on the host's class path
 * @param version   the jar's {@code Plugin-Version} (empty when unknown); the host's version for the built-in entry
 * @param providers the ids of the providers it contributes
 * @param status    where it stands
 * @param jar       the jar's path, or {@code null} for the built-in entry
 * @param reason    why it failed or was refused, or {@code null}
 */
public record PluginInfo(String id, String version, List<String> providers, PluginStatus status, String jar,
                         String reason) {

    public PluginInfo {
        providers = List.copyOf(providers);
    }
}
