package dev.cliproxy.host.api;

import dev.cliproxy.api.WireFormat;
import io.undertow.server.HttpServerExchange;
import java.util.function.Function;

/** Which wire format a client speaks on routes shared by several formats. */
public final class ClientFormats {

    private ClientFormats() {
    }

    /** Always {@code format}. */
    public static Function<HttpServerExchange, WireFormat> fixed(WireFormat format) {
        return exchange -> format;
    }

    /**
     * {@code GET /v1/models}: Claude clients (an {@code anthropic-version} header or a {@code claude-cli} user
     * agent) get the Anthropic shape, everyone else the OpenAI shape.
     */
    public static WireFormat modelList(HttpServerExchange exchange) {
        if (exchange.getRequestHeaders().contains("anthropic-version")) {
            return WireFormat.CLAUDE_MESSAGES;
        }
        String ua = exchange.getRequestHeaders().getFirst("User-Agent");
        return ua != null && ua.startsWith("claude-cli") ? WireFormat.CLAUDE_MESSAGES : WireFormat.OPENAI_CHAT;
    }
}
