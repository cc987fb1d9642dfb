package dev.cliproxy.host.amp;

import dev.cliproxy.host.accesslog.AccessLog;
import dev.cliproxy.host.api.ClientAuth;
import dev.cliproxy.host.auth.ClientKeys;
import dev.cliproxy.host.auth.PresentedKey;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.ExchangeChannel;
import dev.cliproxy.host.http.RequestBodies;
import dev.cliproxy.host.pipeline.ProxyException;
import dev.cliproxy.host.http.RequestIds;
import dev.cliproxy.host.state.LiveState;
import dev.cliproxy.host.upstream.UpstreamHttp;
import dev.cliproxy.host.upstream.UpstreamHttpRequest;
import dev.cliproxy.host.upstream.UpstreamHttpResponse;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a client request on to the Amp upstream ({@code ampcode.upstream-url}) through the host's HTTP client (so
 * {@code proxy-url} and the timeouts apply) and relays the answer as it arrives: status, headers (without
 * hop-by-hop ones) and body, each chunk flushed, nothing buffered. The caller's key is replaced by its upstream key
 * ({@link AmpKeys}, {@link ForwardedRequest}). No upstream configured: 503; the upstream unreachable: 502. Runs on
 * the request's virtual thread. Each forwarded request gets an access line on {@code dev.cliproxy.access}: at INFO
 * for model calls (they cost Amp credits), at DEBUG for the rest.
 */
final class AmpUpstream {

    private static final Logger LOG = LoggerFactory.getLogger(AmpUpstream.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.cliproxy.access");

    static final byte[] NOT_AVAILABLE = "{\"error\":\"amp upstream proxy not available\"}"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] UNREACHABLE = ("{\"error\":\"amp_upstream_proxy_error\","
            + "\"message\":\"Failed to reach Amp upstream\"}").getBytes(StandardCharsets.UTF_8);
    /**
     * Response headers not relayed: hop-by-hop ones, and the length (the body is relayed chunk by chunk as it
     * arrives, so the client gets it chunked).
     */
    private static final Set<String> NOT_RELAYED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade", "content-length");
    private static final int CHUNK = 16 * 1024;

    private final UpstreamHttp http;
    private final LiveState live;
    private final LiveAmpSettings settings;
    private final AmpKeys keys;

    AmpUpstream(UpstreamHttp http, LiveState live, LiveAmpSettings settings, AmpKeys keys) {
        this.http = http;
        this.live = live;
        this.settings = settings;
        this.keys = keys;
    }

    /**
     * Forwards {@code exchange} (its body as received) and relays the answer to {@code channel}.
     *
     * @param model the model of a model call (logged as costing Amp credits), or {@code null}
     */
    void forward(HttpServerExchange exchange, ExchangeChannel channel, String model) {
        long start = System.nanoTime();
        AmpSettings s = settings.current();
        int status;
        if (!s.hasUpstream()) {
            status = 503;
            channel.sendJson(status, NOT_AVAILABLE, Map.of());
        } else {
            status = send(exchange, channel, s);
        }
        log(exchange, model, status, System.nanoTime() - start);
    }

    private int send(HttpServerExchange exchange, ExchangeChannel channel, AmpSettings s) {
        byte[] body;
        try {
            body = RequestBodies.read(exchange);
        } catch (IOException | ProxyException e) {
            int status = e instanceof ProxyException p ? p.status() : 400;
            channel.sendJson(status, Json.write(Json.object().put("error", e.getMessage())), Map.of());
            return status;
        }
        String presented = PresentedKey.of(exchange);
        ClientKeys clientKeys = live.current().clientKeys();
        UpstreamHttpRequest request = ForwardedRequest.of(exchange, body, s.upstreamUrl(),
                keys.forClient(s, presented), v -> v.equals(presented) || clientKeys.matches(v),
                channel.cancellation());
        UpstreamHttpResponse response;
        try {
            response = http.send(request);
        } catch (IOException | IllegalArgumentException e) {
            if (channel.cancellation().isCancelled()) {
                return 499;
            }
            // an invalid URL's message would quote the query, which may hold Amp's own tokens
            LOG.warn("Amp upstream unreachable for {} {}: {}", exchange.getRequestMethod(),
                    exchange.getRequestPath(), e instanceof IOException ? e.toString()
                            : "ampcode.upstream-url is not a valid http(s) URL");
            channel.sendJson(502, UNREACHABLE, Map.of());
            return 502;
        }
        try (response) {
            channel.startResponse(response.status(), relayedHeaders(response.headers()));
            relay(response, channel);
            return response.status();
        }
    }

    /** Copies the body as it arrives; an upstream that breaks off cuts the client's answer off too. */
    private static void relay(UpstreamHttpResponse response, ExchangeChannel channel) {
        byte[] buf = new byte[CHUNK];
        try (InputStream in = response.body()) {
            int n;
            while ((n = read(in, buf, channel)) >= 0) {
                if (n > 0) {
                    channel.write(Arrays.copyOf(buf, n));
                }
            }
        } catch (IOException clientGone) {
            LOG.debug("Amp relay ended: the client went away ({})", clientGone.toString());
        }
    }

    private static int read(InputStream in, byte[] buf, ExchangeChannel channel) {
        try {
            return in.read(buf);
        } catch (IOException e) {
            if (!channel.cancellation().isCancelled()) {
                LOG.warn("Amp upstream broke off its answer: {}", e.toString());
                channel.abort();
            }
            return -1;
        }
    }

    /** The upstream's headers a client sees: all but {@link #NOT_RELAYED} and CORS ones (the proxy decides CORS). */
    static Map<String, List<String>> relayedHeaders(Map<String, List<String>> upstream) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        upstream.forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (!NOT_RELAYED.contains(n) && !n.startsWith("access-control-") && !n.startsWith(":")) {
                out.put(name, values);
            }
        });
        return out;
    }

    private static void log(HttpServerExchange exchange, String model, int status, long nanos) {
        String line = "id={} client={} route=amp-upstream method={} path={}{} status={} duration_ms={}";
        Object[] args = {RequestIds.of(exchange), ClientAuth.keyId(exchange), exchange.getRequestMethod(),
                AccessLog.quote(exchange.getRequestPath()),
                model == null ? "" : " model=" + AccessLog.quote(model) + " amp_credits=true", status,
                nanos / 1_000_000};
        if (model != null) {
            ACCESS.info(line, args);
        } else {
            ACCESS.debug(line, args);
        }
    }
}
