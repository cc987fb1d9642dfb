package dev.cliproxy.host.http;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.codecs.Codecs;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Unknown paths: a JSON 404 in the OpenAI error shape, which every SDK can read. */
public final class NotFound implements HttpHandler {

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        JsonReply.send(exchange, 404, Codecs.of(WireFormat.OPENAI_CHAT).encodeError(new ApiError(404,
                exchange.getRequestMethod() + " " + exchange.getRequestPath() + " not found", "not_found")));
    }
}
