package dev.cliproxy.api;

import java.util.Objects;

/**
 * Where a provider expects the OAuth redirect: {@code http://localhost:<port><path>}.
 *
 * @param port the local port (e.g. 54545), from the provider's {@code oauth.<id>.callback-port} when configured
 * @param path the path (e.g. {@code /callback})
 */
public record CallbackAddress(int port, String path) {

    public CallbackAddress {
        Objects.requireNonNull(path, "path");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The redirect URI. */
    public String redirectUri() {
        return "http://localhost:" + port + path;
    }
}
