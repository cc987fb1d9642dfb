package dev.cliproxy.host.upstream;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * Where an upstream connection goes: scheme, host and port. Connections are pooled per origin.
 *
 * @param tls  whether the scheme is {@code https}
 * @param host host name or address literal (IPv6 in brackets)
 * @param port port, the scheme's default filled in
 */
record UpstreamOrigin(boolean tls, String host, int port) {

    /**
     * The origin of an absolute {@code http} or {@code https} URL.
     *
     * @throws IOException when the URL is malformed or of another scheme
     */
    static UpstreamOrigin of(URI url) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IOException("not an http or https URL: " + url.getScheme() + "://" + url.getRawAuthority());
        }
        boolean tls = scheme.equals("https");
        return new UpstreamOrigin(tls, url.getHost(), url.getPort() > 0 ? url.getPort() : tls ? 443 : 80);
    }

    /** The origin as a URI, for the client's connect. */
    URI uri() {
        return URI.create((tls ? "https://" : "http://") + host + ":" + port);
    }

    /** The {@code Host} header value: the port only when it is not the scheme's default. */
    String hostHeader() {
        return port == (tls ? 443 : 80) ? host : authority();
    }

    /** {@code host:port}, for messages. */
    String authority() {
        return host + ":" + port;
    }
}
