package dev.cliproxy.host.usage;

import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.JsonReply;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;

/**
 * {@code GET /usage-queue?count=N}: removes up to N (default 1) records from the {@link UsageQueue}, oldest first,
 * and answers them as a JSON array ({@code []} when none waits). A count that is not a positive whole number ->
 * 400 {@code {"error":"invalid count"}}. Mounting and management authentication are the caller's.
 */
public final class UsageQueueHandler implements HttpHandler {

    private final UsageQueue queue;

    public UsageQueueHandler(UsageQueue queue) {
        this.queue = queue;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Deque<String> values = exchange.getQueryParameters().get("count");
        int count = 1;
        if (values != null && !values.isEmpty() && !values.getFirst().isBlank()) {
            try {
                count = Integer.parseInt(values.getFirst().trim());
            } catch (NumberFormatException e) {
                count = 0;
            }
            if (count < 1) {
                JsonReply.send(exchange, 400, Json.object().put("error", "invalid count"));
                return;
            }
        }
        JsonReply.send(exchange, 200, queue.pop(Math.min(count, UsageQueue.MAX_RECORDS)));
    }
}
