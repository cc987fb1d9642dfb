package dev.cliproxy.host.usage;

import dev.cliproxy.api.Credential;
import dev.cliproxy.host.http.JsonReply;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api-key-usage}: the successes, failures and last 20 ten-minute buckets of every config API-key
 * credential, grouped by provider ({@link CredentialUsage#snapshot}). Mounting and management authentication are the
 * caller's.
 */
public final class ApiKeyUsageHandler implements HttpHandler {

    private final CredentialUsage usage;
    private final Supplier<List<Credential>> credentials;

    /**
     * @param usage       the counters
     * @param credentials the live credentials (e.g. {@code () -> live.current().allCredentials()})
     */
    public ApiKeyUsageHandler(CredentialUsage usage, Supplier<List<Credential>> credentials) {
        this.usage = usage;
        this.credentials = credentials;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        JsonReply.send(exchange, 200, usage.snapshot(credentials.get()));
    }
}
