package dev.cliproxy.host.management;

import dev.cliproxy.host.config.ConfigException;
import dev.cliproxy.host.config.ConfigSaveException;
import dev.cliproxy.host.pipeline.ProxyException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place management failures become answers, always {@code {"error": "..."}}: a refused request with its
 * status, an edit that would make the config invalid -> 400 {@code invalid body}, a config that cannot be saved ->
 * 500 {@code failed to save config: ...}, anything else -> 500 {@code internal error} (logged).
 */
final class ManagementErrors implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementErrors.class);

    private final HttpHandler next;

    ManagementErrors(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        try {
            next.handleRequest(exchange);
        } catch (ManagementException e) {
            reply(exchange, e.status(), e.getMessage());
        } catch (ConfigException e) {
            LOG.info("Management {} {} refused: the config would not be valid: {}", exchange.getRequestMethod(),
                    exchange.getRequestPath(), e.getMessage());
            reply(exchange, 400, "invalid body");
        } catch (ConfigSaveException e) {
            LOG.error("Management {} {}: failed to save config: {}", exchange.getRequestMethod(),
                    exchange.getRequestPath(), e.getMessage());
            reply(exchange, 500, "failed to save config: " + e.getMessage());
        } catch (ProxyException e) {
            reply(exchange, e.status(), e.getMessage());
        } catch (Exception e) {
            LOG.error("Management {} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
            reply(exchange, 500, "internal error");
        }
    }

    private static void reply(HttpServerExchange exchange, int status, String message) {
        if (exchange.isResponseStarted()) {
            exchange.endExchange();
            return;
        }
        Replies.error(exchange, status, message);
    }
}
