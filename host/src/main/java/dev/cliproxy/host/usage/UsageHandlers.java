package dev.cliproxy.host.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.JsonReply;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The management endpoints of the usage statistics, as plain handlers to mount behind the management auth:
 * <ul>
 *   <li>{@code GET /usage} -> {@code {"usage":{...},"failed_requests":n}};</li>
 *   <li>{@code GET /usage/export} -> {@code {"version":1,"exported_at":"...","usage":{...}}};</li>
 *   <li>{@code POST /usage/import} with an export (or a bare usage object) -> adds it to the counters, so totals
 *       survive a restart: {@code {"status":"ok","added":n,"total_requests":n,"failed_requests":n}};
 *       a body that is not one -> 400 {@code {"error":"invalid body"}};</li>
 *   <li>{@code DELETE /usage} -> forgets everything -> {@code {"status":"ok"}}.</li>
 * </ul>
 */
public final class UsageHandlers {

    private final UsageStatistics stats;
    private final Clock clock;

    public UsageHandlers(UsageStatistics stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    /** {@code GET /usage}. */
    public HttpHandler get() {
        return exchange -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.set("usage", stats.snapshot());
            out.put("failed_requests", stats.failedRequests());
            JsonReply.send(exchange, 200, out);
        };
    }

    /** {@code GET /usage/export}. */
    public HttpHandler export() {
        return exchange -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("version", 1);
            out.put("exported_at", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
            out.set("usage", stats.snapshot());
            JsonReply.send(exchange, 200, out);
        };
    }

    /** {@code POST /usage/import}. */
    public HttpHandler importing() {
        return exchange -> exchange.getRequestReceiver().receiveFullBytes(
                (ex, body) -> importBody(ex, body), (ex, e) -> invalid(ex));
    }

    private void importBody(HttpServerExchange exchange, byte[] body) {
        JsonNode usage;
        try {
            JsonNode root = Json.parse(body);
            usage = root.has("usage") ? root.get("usage") : root;
            if (!usage.isObject() || root.has("version") && root.path("version").asInt() != 1) {
                invalid(exchange);
                return;
            }
        } catch (RuntimeException e) {
            invalid(exchange);
            return;
        }
        long added = stats.merge(usage);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("status", "ok");
        out.put("added", added);
        out.put("total_requests", stats.totalRequests());
        out.put("failed_requests", stats.failedRequests());
        JsonReply.send(exchange, 200, out);
    }

    private static void invalid(HttpServerExchange exchange) {
        ObjectNode err = Json.MAPPER.createObjectNode().put("error", "invalid body");
        JsonReply.send(exchange, 400, err);
    }

    /** {@code DELETE /usage}. */
    public HttpHandler delete() {
        return exchange -> {
            stats.reset();
            JsonReply.send(exchange, 200, Json.MAPPER.createObjectNode().put("status", "ok"));
        };
    }
}
