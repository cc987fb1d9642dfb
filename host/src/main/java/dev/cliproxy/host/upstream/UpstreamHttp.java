package dev.cliproxy.host.upstream;

import java.io.IOException;

/**
 * The host's upstream HTTP client. It applies the proxy ({@link UpstreamHttpRequest#proxyUrl()}, else the global
 * {@code proxy-url}), connect and first-byte timeouts (no read timeout once a body flows), connection pooling per
 * upstream host, request logging and cancellation on client disconnect. Blocking: for callers on virtual threads
 * (logins and token refreshes, the Amp reverse proxy, management calls); model requests use the non-blocking
 * {@link UpstreamTransport}.
 */
public interface UpstreamHttp {

    /**
     * Sends {@code request} and returns once the response headers have arrived. The caller must close the response.
     *
     * @throws IOException when no response arrives (refused, reset, timed out, cancelled)
     */
    UpstreamHttpResponse send(UpstreamHttpRequest request) throws IOException;
}
