package dev.cliproxy.host.state;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.host.auth.ClientKeys;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.routing.ModelRegistry;
import java.util.List;
import java.util.Map;

/**
 * Everything a request needs that a reload can change, swapped as one immutable unit: a request runs to its end
 * on the state it started with.
 *
 * @param config      the config
 * @param credentials each provider's credentials
 * @param models      the model registry built from them
 * @param clientKeys  the client keys
 */
public record RuntimeState(ProxyConfig config, Map<ProviderPlugin, List<Credential>> credentials,
                           ModelRegistry models, ClientKeys clientKeys) {

    /** Every credential of every provider. */
    public List<Credential> allCredentials() {
        return credentials.values().stream().flatMap(List::stream).toList();
    }
}
