package dev.cliproxy.host.http;

import io.undertow.server.HttpServerExchange;

/** Serves one exchange on its virtual thread, answering through its {@link ExchangeChannel}; see {@link VirtualThreadExchange}. */
@FunctionalInterface
public interface ChannelHandler {

    /** Serves {@code exchange}; the body has been read (see {@link RequestBodies#read}). */
    void handle(HttpServerExchange exchange, ExchangeChannel channel) throws Exception;
}
