package dev.cliproxy.host.auth;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.util.Deque;

/**
 * Finds the client key a request carries, in the order the Go anchor checks: {@code Authorization: Bearer <k>}
 * (a value without a scheme is taken whole), {@code x-goog-api-key}, {@code x-api-key}, {@code ?key=},
 * {@code ?auth_token=}.
 */
public final class PresentedKey {

    private PresentedKey() {
    }

    /** The key, or {@code null} when the request carries none. */
    public static String of(HttpServerExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null && !auth.isBlank()) {
            String v = auth.trim();
            int space = v.indexOf(' ');
            if (space > 0 && v.substring(0, space).equalsIgnoreCase("Bearer")) {
                return v.substring(space + 1).trim();
            }
            if (space < 0) {
                return v;
            }
        }
        for (String header : new String[] {"x-goog-api-key", "x-api-key"}) {
            HeaderValues values = exchange.getRequestHeaders().get(header);
            if (values != null && !values.getFirst().isBlank()) {
                return values.getFirst().trim();
            }
        }
        for (String param : new String[] {"key", "auth_token"}) {
            Deque<String> q = exchange.getQueryParameters().get(param);
            if (q != null && !q.isEmpty() && !q.getFirst().isBlank()) {
                return q.getFirst().trim();
            }
        }
        return null;
    }
}
