package dev.cliproxy.api;

import java.io.IOException;

/**
 * The host's blocking HTTP client for the few calls a plugin makes itself: login, token refresh, project discovery.
 * Model calls never use it: they are described by {@link ProviderPlugin#describe} and sent by the host. The proxy of
 * {@link UpstreamRequest#proxyUrl()} (else the global {@code proxy-url}) and the connect timeouts apply. Call it only
 * from the flows the host runs on its own threads ({@link dev.cliproxy.api.AccountLogin}).
 */
@FunctionalInterface
public interface HttpCaller {

    /**
     * Sends {@code request} and reads the whole answer, whatever its status.
     *
     * @throws IOException when no answer arrives (refused, reset, timed out)
     */
    UpstreamAnswer send(UpstreamRequest request) throws IOException;
}
