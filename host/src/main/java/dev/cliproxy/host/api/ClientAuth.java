package dev.cliproxy.host.api;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.codecs.Codecs;
import dev.cliproxy.host.auth.ClientKeys;
import dev.cliproxy.host.auth.PresentedKey;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.http.ClientAddress;
import dev.cliproxy.host.http.JsonReply;
import dev.cliproxy.host.pipeline.ErrorReplies;
import dev.cliproxy.host.state.LiveState;
import dev.cliproxy.host.state.RuntimeState;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.Map;
import java.util.function.Function;

/**
 * Client-key check for the model API. The key comes from {@code Authorization: Bearer}, {@code x-goog-api-key},
 * {@code x-api-key}, {@code ?key=} or {@code ?auth_token=}; a missing or wrong key is a 401 in the route's own
 * error format. With no {@code api-keys} configured only loopback callers are served (never an open proxy);
 * {@code allow-localhost-unauthenticated} lets loopback callers in without a key; a config still holding the
 * published example keys is refused with a 403 that says why.
 */
public final class ClientAuth implements HttpHandler {

    private static final AttachmentKey<String> KEY_ID = AttachmentKey.create(String.class);

    private final LiveState live;
    private final Function<HttpServerExchange, WireFormat> format;
    private final HttpHandler next;

    public ClientAuth(LiveState live, Function<HttpServerExchange, WireFormat> format, HttpHandler next) {
        this.live = live;
        this.format = format;
        this.next = next;
    }

    /** The stable id of the caller's key ({@code local} for unauthenticated loopback callers). */
    public static String keyId(HttpServerExchange exchange) {
        String id = exchange.getAttachment(KEY_ID);
        return id == null ? "local" : id;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        RuntimeState state = live.current();
        ClientKeys keys = state.clientKeys();
        ProxyConfig config = state.config();
        boolean loopback = ClientAddress.isLoopback(exchange);
        if (keys.hasExampleKey()) {
            deny(exchange, 403, "api-keys still contains the example values of config.example.yaml"
                    + " (your-api-key-1, your-api-key-2, your-api-key-3); replace them with your own secret keys"
                    + " in config.yaml", "unsafe_example_api_key");
            return;
        }
        String presented = PresentedKey.of(exchange);
        if (keys.isEmpty()) {
            if (!loopback) {
                deny(exchange, 403, "no api-keys are configured, so this proxy only serves callers on this machine;"
                        + " add api-keys to config.yaml to allow remote clients", "remote_access_disabled");
                return;
            }
            exchange.putAttachment(KEY_ID, "local");
            next.handleRequest(exchange);
            return;
        }
        String keyId = presented == null ? null : keys.idIfMatches(presented);
        if (keyId != null) {
            exchange.putAttachment(KEY_ID, keyId);
            next.handleRequest(exchange);
            return;
        }
        if (loopback && config.allowLocalhostUnauthenticated()) {
            exchange.putAttachment(KEY_ID, "local");
            next.handleRequest(exchange);
            return;
        }
        deny(exchange, 401, presented == null ? "Missing API key" : "Invalid API key", "invalid_api_key");
    }

    private void deny(HttpServerExchange exchange, int status, String message, String code) {
        WireFormat f = format.apply(exchange);
        // x-should-retry: Claude Code retries a 401 ten times with backoff unless told not to, as the real API does
        JsonReply.send(exchange, status, Codecs.of(f).encodeError(new ApiError(status, message, code)),
                status == 401 ? Map.of("WWW-Authenticate", "Bearer", ErrorReplies.SHOULD_RETRY, "false")
                        : Map.of(ErrorReplies.SHOULD_RETRY, "false"));
    }
}
