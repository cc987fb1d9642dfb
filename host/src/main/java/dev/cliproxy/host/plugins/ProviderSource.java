package dev.cliproxy.host.plugins;

import dev.cliproxy.host.config.ProxyConfig;

/** Where the live state gets the providers that serve requests. */
@FunctionalInterface
public interface ProviderSource {

    /** The providers of the plugins {@code settings} enables, in routing order. */
    Providers enabled(ProxyConfig.Plugins settings);
}
