package dev.cliproxy.host.requestlog;

import dev.cliproxy.api.Secrets;
import dev.cliproxy.host.pipeline.InboundRequest;
import dev.cliproxy.host.routing.Candidate;
import dev.cliproxy.host.upstream.Cancellation;
import dev.cliproxy.host.upstream.UpstreamException;
import dev.cliproxy.host.upstream.UpstreamHttpRequest;
import dev.cliproxy.host.upstream.UpstreamObserver;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one request log file will hold, collected while the request runs: the client request, each upstream exchange
 * (with {@code full} logging) or each failed attempt, and the answer sent to the client. Bodies are bounded
 * ({@link BoundedBuffer#MAX_BYTES}), at most {@link #MAX_UPSTREAM} upstream exchanges are kept. Filled one call at a
 * time (on the client exchange's I/O thread), rendered once the request is over.
 */
final class RequestCapture {

    static final int MAX_UPSTREAM = 16;
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-api-key", "x-goog-api-key",
            "proxy-authorization", "cookie", "set-cookie", "x-management-key", "api-key");

    final InboundRequest request;
    final Instant started;
    final boolean full;
    final List<Upstream> upstream = new ArrayList<>();
    final List<String> failedAttempts = new ArrayList<>();
    int responseStatus;
    Map<String, String> responseHeaders = Map.of();
    byte[] responseBody;
    final BoundedBuffer streamed = new BoundedBuffer();

    /** The client exchange's cancellation, which the request's upstream calls carry. */
    final Cancellation exchange;

    RequestCapture(InboundRequest request, Instant started, boolean full, Cancellation exchange) {
        this.request = request;
        this.exchange = exchange;
        this.started = started;
        this.full = full;
    }

    /** One upstream exchange. */
    static final class Upstream implements UpstreamObserver.Tap {
        final Instant at;
        final String requestLine;
        final Map<String, String> requestHeaders;
        final String requestBody;
        int status;
        Map<String, List<String>> headers = Map.of();
        final BoundedBuffer body = new BoundedBuffer();
        String error;

        Upstream(Instant at, UpstreamHttpRequest r) {
            this.at = at;
            this.requestLine = r.method() + " " + r.url();
            this.requestHeaders = masked(r.headers());
            BoundedBuffer b = new BoundedBuffer();
            if (r.body() != null) {
                b.add(r.body());
            }
            this.requestBody = b.text();
        }

        @Override
        public void response(int status, Map<String, List<String>> headers) {
            this.status = status;
            this.headers = headers;
        }

        @Override
        public void body(byte[] bytes, int offset, int length) {
            body.add(bytes, offset, length);
        }

        @Override
        public void failed(IOException e) {
            error = e.toString();
        }
    }

    Upstream upstream(Instant at, UpstreamHttpRequest r) {
        if (upstream.size() >= MAX_UPSTREAM) {
            return null;
        }
        Upstream u = new Upstream(at, r);
        upstream.add(u);
        return u;
    }

    void attemptFailed(Candidate c, UpstreamException e) {
        if (failedAttempts.size() < MAX_UPSTREAM) {
            BoundedBuffer body = new BoundedBuffer();
            body.add(e.body());
            failedAttempts.add("provider=" + c.provider().id() + " credential=" + c.credentialId() + " status="
                    + e.status() + " reason=" + e.kind().name().toLowerCase(Locale.ROOT) + " error=" + e.getMessage()
                    + (body.isEmpty() ? "" : "\n" + body.text()));
        }
    }

    /** Headers with secret values masked ({@code sk-...b780}). */
    static Map<String, String> masked(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k, SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT)) ? mask(v) : v));
        return out;
    }

    private static String mask(String value) {
        int space = value.indexOf(' ');
        return space > 0 ? value.substring(0, space + 1) + Secrets.mask(value.substring(space + 1))
                : Secrets.mask(value);
    }
}
