package dev.cliproxy.host.http;

import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;

/** Facts about the peer of an exchange. Forwarding headers are deliberately not trusted. */
public final class ClientAddress {

    private ClientAddress() {
    }

    /** Whether the TCP peer is a loopback address (127.0.0.0/8 or ::1). */
    public static boolean isLoopback(HttpServerExchange exchange) {
        InetSocketAddress peer = exchange.getSourceAddress();
        return peer != null && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
    }

    /** The peer's IP address as text. */
    public static String of(HttpServerExchange exchange) {
        InetSocketAddress peer = exchange.getSourceAddress();
        return peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
    }
}
