package dev.cliproxy.host.upstream;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SOCKS5 user/password credentials by proxy host and port. The JDK's SOCKS client (which OkHttp uses) asks only
 * the process-wide {@link Authenticator}, so this one is installed once and answers SOCKS requests from this table;
 * every other request is refused (returns {@code null}).
 */
final class SocksCredentials extends Authenticator {

    private static final SocksCredentials SHARED = new SocksCredentials();
    private static volatile boolean installed;

    private final Map<String, PasswordAuthentication> byAddress = new ConcurrentHashMap<>();

    private SocksCredentials() {
    }

    /**
     * The process-wide instance, installed as the default {@link Authenticator} on first use. One per process (not
     * per server), so that several proxies in one JVM (tests) do not replace each other's table.
     */
    static SocksCredentials shared() {
        if (!installed) {
            Authenticator.setDefault(SHARED);
            installed = true;
        }
        return SHARED;
    }

    void register(ProxyAddress proxy) {
        if (proxy.hasCredentials()) {
            byAddress.put(key(proxy.host(), proxy.port()),
                    new PasswordAuthentication(proxy.username(), proxy.password().toCharArray()));
        }
    }

    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
        String protocol = getRequestingProtocol();
        if (protocol == null || !protocol.toUpperCase(Locale.ROOT).startsWith("SOCKS")) {
            return null;
        }
        return byAddress.get(key(getRequestingHost(), getRequestingPort()));
    }

    private static String key(String host, int port) {
        return (host == null ? "" : host.toLowerCase(Locale.ROOT)) + ":" + port;
    }
}
