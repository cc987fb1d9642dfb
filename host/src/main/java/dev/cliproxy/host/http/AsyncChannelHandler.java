package dev.cliproxy.host.http;

import io.undertow.server.HttpServerExchange;
import java.util.concurrent.CompletionStage;

/** Serves one exchange on its I/O thread without blocking; see {@link IoThreadExchange}. */
@FunctionalInterface
public interface AsyncChannelHandler {

    /**
     * Starts serving {@code exchange} (its body has been read, see {@link RequestBodies#read}); the returned stage
     * completes once the answer is over, and the channel is then closed.
     */
    CompletionStage<Void> handle(HttpServerExchange exchange, ExchangeChannel channel) throws Exception;
}
