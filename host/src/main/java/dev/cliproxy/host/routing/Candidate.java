package dev.cliproxy.host.routing;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ProviderPlugin;

/**
 * One way to serve a requested model: a provider, one of its credentials, and the upstream model name to send.
 */
public record Candidate(ProviderPlugin provider, Credential credential, String upstreamModel) {

    /** The credential's id. */
    public String credentialId() {
        return credential.id();
    }

    @Override
    public String toString() {
        return provider.id() + "/" + credential.id() + "/" + upstreamModel;
    }
}
