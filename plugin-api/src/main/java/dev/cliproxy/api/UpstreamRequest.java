package dev.cliproxy.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An upstream HTTP request as a plugin describes it: method, absolute URL, headers, body and whether the answer is
 * a server-sent event stream. Pure data: the host sends it (applying the credential's proxy, timeouts, request
 * logging and cancellation) and owns the connection. Built with {@link #post(String)} or {@link #builder}.
 */
public final class UpstreamRequest {

    private final String method;
    private final String url;
    private final Map<String, String> headers;
    private final byte[] body;
    private final boolean streaming;
    private final String proxyUrl;

    private UpstreamRequest(Builder b) {
        this.method = b.method;
        this.url = b.url;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.body = b.body;
        this.streaming = b.streaming;
        this.proxyUrl = b.proxyUrl;
    }

    /** A builder for {@code method url}. */
    public static Builder builder(String method, String url) {
        return new Builder(method, url);
    }

    /** A builder for a JSON {@code POST} to {@code url} ({@code Content-Type: application/json} preset). */
    public static Builder post(String url) {
        return new Builder("POST", url).header("Content-Type", "application/json");
    }

    /** A builder for a {@code GET} of {@code url}. */
    public static Builder get(String url) {
        return new Builder("GET", url);
    }

    /** The HTTP method. */
    public String method() {
        return method;
    }

    /** The absolute URL. */
    public String url() {
        return url;
    }

    /** The headers, in the order they were set; the host adds only what HTTP itself requires. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The first header of that name (case-insensitive), or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** The body, or {@code null} for none. */
    public byte[] body() {
        return body;
    }

    /** Whether a 2xx answer is a server-sent event stream (else a whole body). */
    public boolean streaming() {
        return streaming;
    }

    /**
     * The proxy for this request: empty means the credential's {@code proxy-url} (then the global one);
     * {@code direct}/{@code none} bypasses every proxy.
     */
    public String proxyUrl() {
        return proxyUrl;
    }

    /** A builder holding every value of this request. */
    public Builder toBuilder() {
        Builder b = new Builder(method, url).body(body).streaming(streaming).proxyUrl(proxyUrl);
        b.headers.putAll(headers);
        return b;
    }

    /** Never shows header values: they may hold secrets. */
    @Override
    public String toString() {
        return "UpstreamRequest[" + method + " " + url + (streaming ? ", stream" : "") + "]";
    }

    /** Builds an {@link UpstreamRequest}. Not thread-safe. */
    public static final class Builder {
        private final String method;
        private final String url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;
        private boolean streaming;
        private String proxyUrl = "";

        private Builder(String method, String url) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            this.url = Objects.requireNonNull(url, "url");
        }

        /** Sets a header, replacing any of the same name (case-insensitive); an empty value removes it. */
        public Builder header(String name, String value) {
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            if (value != null && !value.isEmpty()) {
                headers.put(name, value);
            }
            return this;
        }

        /** Sets several headers, as {@link #header} does one by one. */
        public Builder headers(Map<String, String> values) {
            values.forEach(this::header);
            return this;
        }

        /** The body; {@code null} for none. */
        public Builder body(byte[] value) {
            this.body = value;
            return this;
        }

        /** Whether the answer is an SSE stream; sets {@code Accept: text/event-stream} when true. */
        public Builder streaming(boolean value) {
            this.streaming = value;
            if (value && header("Accept") == null) {
                header("Accept", "text/event-stream");
            }
            return this;
        }

        /** See {@link UpstreamRequest#proxyUrl()}. */
        public Builder proxyUrl(String value) {
            this.proxyUrl = value == null ? "" : value;
            return this;
        }

        private String header(String name) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }

        /** The request. */
        public UpstreamRequest build() {
            return new UpstreamRequest(this);
        }
    }
}
