package dev.cliproxy.host.amp;

import dev.cliproxy.host.upstream.Cancellation;
import dev.cliproxy.host.upstream.UpstreamHttpRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * The request Amp's upstream receives for a client request: the same method, path, query and body; the client's
 * headers without hop-by-hop ones, forwarding ones and any credential; and the Amp key as
 * {@code Authorization: Bearer} and {@code X-Api-Key}. The caller's key reaches the upstream nowhere: not in a
 * header, not as {@code ?key=} or {@code ?auth_token=}.
 */
final class ForwardedRequest {

    /** Request headers never forwarded (lower case). */
    private static final Set<String> DROPPED = Set.of(
            // credentials of the client, or of the proxy
            "authorization", "x-api-key", "x-goog-api-key", "proxy-authorization", "x-management-key",
            // hop-by-hop, and what the HTTP client sets itself
            "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "accept-encoding",
            // who the client is, for a reverse proxy's own bookkeeping
            "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            "x-real-ip", "via");
    /** Query parameters that may carry the client key. */
    private static final Set<String> KEY_PARAMS = Set.of("key", "auth_token");
    private static final Set<String> BODYLESS = Set.of("GET", "HEAD", "OPTIONS", "DELETE", "TRACE");

    private ForwardedRequest() {
    }

    /**
     * The upstream request for {@code exchange}.
     *
     * @param body        the client's body as received
     * @param baseUrl     {@code upstream-url}, without a trailing slash
     * @param ampKey      the Amp key to send, or {@code null} to send none
     * @param isClientKey whether a query value is a client key (dropped)
     */
    static UpstreamHttpRequest of(HttpServerExchange exchange, byte[] body, String baseUrl, String ampKey,
                                  Predicate<String> isClientKey, Cancellation cancellation) {
        String method = exchange.getRequestMethod().toString();
        String query = query(exchange.getQueryString(), isClientKey);
        String url = baseUrl + rawPath(exchange) + (query.isEmpty() ? "" : "?" + query);
        Map<String, String> headers = headers(exchange);
        if (ampKey != null) {
            headers.put("Authorization", "Bearer " + ampKey);
            headers.put("X-Api-Key", ampKey);
        }
        byte[] sent = body.length == 0 && BODYLESS.contains(method) ? null : body;
        return new UpstreamHttpRequest(method, url, headers, sent, "", cancellation);
    }

    private static String rawPath(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        return uri.contains("://") ? URI.create(uri).getRawPath() : uri;
    }

    /** The raw query without the {@code key}/{@code auth_token} parameters that hold a client key. */
    static String query(String raw, Predicate<String> isClientKey) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        StringJoiner kept = new StringJoiner("&");
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!(KEY_PARAMS.contains(name) && isClientKey.test(value.trim())) && !pair.isEmpty()) {
                kept.add(pair);
            }
        }
        return kept.toString();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    private static Map<String, String> headers(HttpServerExchange exchange) {
        Set<String> dropped = new HashSet<>(DROPPED);
        HeaderValues connection = exchange.getRequestHeaders().get("Connection");
        if (connection != null) {
            for (String v : connection) {
                for (String token : v.split(",")) {
                    dropped.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (HeaderValues h : exchange.getRequestHeaders()) {
            String name = h.getHeaderName().toString();
            if (!dropped.contains(name.toLowerCase(Locale.ROOT))) {
                out.put(name, String.join(name.equalsIgnoreCase("cookie") ? "; " : ", ", h));
            }
        }
        return out;
    }
}
