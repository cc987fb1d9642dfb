package dev.cliproxy.host.upstream;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A parsed {@code proxy-url}: {@code http://}, {@code https://}, {@code socks5://} (also {@code socks5h://}),
 * with optional {@code user:password@}; or a direct connection.
 *
 * @param type     HTTP, SOCKS or DIRECT
 * @param tls      whether the connection to the proxy itself uses TLS ({@code https://})
 * @param host     proxy host
 * @param port     proxy port
 * @param username user name, or {@code null}
 * @param password password, or {@code null}
 */
public record ProxyAddress(Proxy.Type type, boolean tls, String host, int port, String username, String password) {

    public static final ProxyAddress DIRECT = new ProxyAddress(Proxy.Type.DIRECT, false, "", 0, null, null);

    /**
     * The effective proxy for a credential proxy value and the global one: a non-empty credential value wins;
     * {@code direct} or {@code none} bypasses every proxy.
     */
    public static ProxyAddress effective(String credentialProxy, String globalProxy) {
        String chosen = credentialProxy == null || credentialProxy.isBlank() ? globalProxy : credentialProxy;
        return parse(chosen);
    }

    /**
     * Parses a proxy URL; empty, {@code direct} and {@code none} mean direct.
     *
     * @throws IllegalArgumentException for an unsupported scheme or a malformed URL
     */
    public static ProxyAddress parse(String url) {
        if (url == null || url.isBlank()) {
            return DIRECT;
        }
        String v = url.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("direct") || lower.equals("none")) {
            return DIRECT;
        }
        URI uri;
        try {
            uri = URI.create(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed proxy-url", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("proxy-url has no host");
        }
        String user = null;
        String pass = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            pass = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        return switch (scheme) {
            case "http" -> new ProxyAddress(Proxy.Type.HTTP, false, uri.getHost(), port(uri, 80), user, pass);
            case "https" -> new ProxyAddress(Proxy.Type.HTTP, true, uri.getHost(), port(uri, 443), user, pass);
            case "socks5", "socks5h", "socks" ->
                    new ProxyAddress(Proxy.Type.SOCKS, false, uri.getHost(), port(uri, 1080), user, pass);
            default -> throw new IllegalArgumentException("unsupported proxy scheme '" + scheme
                    + "' (use http, https or socks5)");
        };
    }

    private static int port(URI uri, int fallback) {
        return uri.getPort() > 0 ? uri.getPort() : fallback;
    }

    /** The JDK proxy for this address (unresolved, so SOCKS5 resolves names at the proxy). */
    public Proxy toProxy() {
        return type == Proxy.Type.DIRECT ? Proxy.NO_PROXY
                : new Proxy(type, InetSocketAddress.createUnresolved(host, port));
    }

    /** Whether credentials are set. */
    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    @Override
    public String toString() {
        return type == Proxy.Type.DIRECT ? "direct"
                : (type == Proxy.Type.SOCKS ? "socks5://" : tls ? "https://" : "http://")
                        + (hasCredentials() ? "***@" : "") + host + ":" + port;
    }
}
