package dev.cliproxy.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a sane token, else a new random one.
 * The id is returned in the {@code X-Request-Id} response header and, as the Go proxy's trace id, in
 * {@code X-CPA-TRACE-ID}, and attached to the exchange.
 */
public final class RequestIds implements HttpHandler {

    public static final HttpString HEADER = new HttpString("X-Request-Id");
    /** The trace-id header the Go proxy answers with; the same value as {@link #HEADER}. */
    public static final HttpString TRACE_HEADER = new HttpString("X-CPA-TRACE-ID");
    private static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);

    private final HttpHandler next;

    public RequestIds(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String given = exchange.getRequestHeaders().getFirst(HEADER);
        String id = given != null && sane(given) ? given : generate();
        exchange.putAttachment(KEY, id);
        exchange.getResponseHeaders().put(HEADER, id).put(TRACE_HEADER, id);
        next.handleRequest(exchange);
    }

    /** The id of {@code exchange}. */
    public static String of(HttpServerExchange exchange) {
        String id = exchange.getAttachment(KEY);
        return id == null ? generate() : id;
    }

    private static boolean sane(String id) {
        if (id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    private static String generate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
    }
}
