package dev.cliproxy.host.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Secrets;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.http.JsonReply;
import dev.cliproxy.host.upstream.Cancellation;
import dev.cliproxy.host.upstream.ProxyAddress;
import dev.cliproxy.host.upstream.UpstreamHttp;
import dev.cliproxy.host.upstream.UpstreamHttpRequest;
import dev.cliproxy.host.upstream.UpstreamHttpResponse;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v0/management/api-call}: sends one HTTP request on behalf of a credential, for tools that query an
 * upstream's own endpoints (quotas, model lists) with the credential's key. Body
 * {@code {"auth_index": id, "method", "url", "header": {name: value}, "data": "raw body", "proxy_url"}}
 * ({@code authIndex} / {@code AuthIndex} accepted too). {@value #TOKEN} in a header value or in {@code data} is
 * replaced by the credential's secret. The call goes through the request's {@code proxy_url}, else the
 * credential's proxy, else the global {@code proxy-url}; it may take 60 s in all. Answers 200
 * {@code {"status_code": n, "header": {lower-case name: [values]}, "body": "..."}} whatever the upstream's status,
 * with every occurrence of the secret in the echoed headers and body masked. Errors: 400 for a missing or malformed
 * field, a URL that is not {@code http(s)}, or {@value #TOKEN} without a credential or with one that has no secret;
 * 404 {@code auth not found}; 502 {@code request failed} when no answer arrives in time.
 */
public final class ApiCallHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiCallHandler.class);

    static final String TOKEN = "$TOKEN$";
    /** How long one call may take in all, as in the anchor. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final List<String> AUTH_INDEX_FIELDS = List.of("auth_index", "authIndex", "AuthIndex");
    /** Framing headers the HTTP client sets itself. */
    private static final Set<String> DROPPED_HEADERS = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "proxy-connection");

    /** Methods the HTTP client refuses to send without a body. */
    private static final Set<String> NEEDS_BODY = Set.of("POST", "PUT", "PATCH", "PROPPATCH", "REPORT");

    private final Supplier<List<Credential>> credentials;
    private final UpstreamHttp http;

    /**
     * @param credentials the live credentials (e.g. {@code () -> live.current().allCredentials()})
     * @param http        the host's upstream client (proxies, timeouts)
     */
    public ApiCallHandler(Supplier<List<Credential>> credentials, UpstreamHttp http) {
        this.credentials = credentials;
        this.http = http;
    }

    /** One checked request: what to send, and the secret to mask in the answer (empty for none). */
    private record Call(UpstreamHttpRequest request, String secret) {
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        Call call = call(Requests.json(exchange));
        URI target = URI.create(call.request().url());
        try (UpstreamHttpResponse response = http.send(call.request())) {
            byte[] body = read(response);
            ObjectNode answer = Json.object().put("status_code", response.status());
            ObjectNode headers = answer.putObject("header");
            response.headers().forEach((name, values) -> {
                ArrayNode list = headers.putArray(name);
                values.forEach(v -> list.add(masked(v, call.secret())));
            });
            answer.put("body", masked(new String(body, StandardCharsets.UTF_8), call.secret()));
            JsonReply.send(exchange, 200, answer);
        } catch (IOException e) {
            LOG.info("api-call {} to {} failed: {}", call.request().method(), target.getHost(),
                    e.getClass().getSimpleName());
            throw new ManagementException(502, "request failed");
        } catch (IllegalArgumentException e) {
            // the HTTP client refused a header or the URL; its message may quote a value holding the secret
            throw ManagementException.badRequest("invalid url or header");
        }
    }

    private Call call(JsonNode body) {
        if (!body.isObject()) {
            throw ManagementException.invalidBody();
        }
        String method = text(body, "method").toUpperCase(Locale.ROOT);
        if (method.isEmpty()) {
            throw ManagementException.badRequest("missing method");
        }
        if (!METHOD.matcher(method).matches()) {
            throw ManagementException.badRequest("invalid method");
        }
        String url = checkedUrl(text(body, "url"));
        Credential credential = credential(body);
        String secret = credential == null ? "" : credential.secret();
        Map<String, String> headers = headers(body.get("header"));
        String data = text(body, "data");
        boolean wantsToken = data.contains(TOKEN) || headers.values().stream().anyMatch(v -> v.contains(TOKEN));
        if (wantsToken && credential == null) {
            throw ManagementException.badRequest("auth_index is required to fill in " + TOKEN);
        }
        if (wantsToken && secret.isEmpty()) {
            throw ManagementException.badRequest("auth token not found");
        }
        headers.replaceAll((name, value) -> value.replace(TOKEN, secret));
        byte[] payload = payload(method, data.replace(TOKEN, secret));
        String proxy = text(body, "proxy_url");
        if (proxy.isEmpty()) {
            proxy = credential == null ? "" : credential.proxyUrl();
        } else {
            try {
                ProxyAddress.parse(proxy);
            } catch (IllegalArgumentException e) {
                throw ManagementException.badRequest("invalid proxy_url: " + e.getMessage());
            }
        }
        return new Call(new UpstreamHttpRequest(method, url, headers, payload, proxy, new Deadline(TIMEOUT)), secret);
    }

    /** Cancels the call once {@code timeout} has passed, whatever stage it is in (connect, headers, body). */
    private static final class Deadline implements Cancellation {

        private final CompletableFuture<Void> passed = new CompletableFuture<>();

        Deadline(Duration timeout) {
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> passed.complete(null));
        }

        @Override
        public boolean isCancelled() {
            return passed.isDone();
        }

        @Override
        public void onCancel(Runnable action) {
            passed.thenRun(action);
        }
    }

    private static String checkedUrl(String url) {
        if (url.isEmpty()) {
            throw ManagementException.badRequest("missing url");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ManagementException.badRequest("invalid url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ManagementException.badRequest("invalid url: only http and https URLs can be called");
        }
        if (uri.getHost() == null) {
            throw ManagementException.badRequest("invalid url");
        }
        return url;
    }

    private Credential credential(JsonNode body) {
        for (String field : AUTH_INDEX_FIELDS) {
            String id = text(body, field);
            if (!id.isEmpty()) {
                return credentials.get().stream().filter(c -> c.id().equals(id)).findFirst()
                        .orElseThrow(() -> new ManagementException(404, "auth not found"));
            }
        }
        return null;
    }

    private static Map<String, String> headers(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw ManagementException.invalidBody();
        }
        node.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw ManagementException.badRequest("header values must be strings");
            }
            if (!DROPPED_HEADERS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                out.put(e.getKey(), e.getValue().textValue());
            }
        });
        return out;
    }

    /** The body to send: none for GET and HEAD, an empty one when a method that needs one has no data. */
    private static byte[] payload(String method, String data) {
        boolean none = method.equals("GET") || method.equals("HEAD");
        if (none && !data.isEmpty()) {
            throw ManagementException.badRequest(method + " requests cannot carry data");
        }
        if (none || data.isEmpty() && !NEEDS_BODY.contains(method)) {
            return null;
        }
        return data.getBytes(StandardCharsets.UTF_8);
    }

    /** A string field, trimmed; empty when absent; 400 when it is not a string. */
    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw ManagementException.badRequest("'" + field + "' must be a string");
        }
        return field.equals("data") ? v.textValue() : v.textValue().trim();
    }

    private static byte[] read(UpstreamHttpResponse response) throws IOException {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (body.length > MAX_RESPONSE_BYTES) {
                throw new ManagementException(502, "response too large");
            }
            return body;
        }
    }

    private static String masked(String text, String secret) {
        return secret.isEmpty() ? text : text.replace(secret, Secrets.mask(secret));
    }
}
