package dev.cliproxy.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole upstream answer as the host read it: status, headers and body. Given to
 * {@link ProviderPlugin#classify} for non-2xx answers, and returned by {@link HostServices#http()} for the calls a
 * login or refresh flow makes. Immutable.
 */
public final class UpstreamAnswer {

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    private UpstreamAnswer(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        this.headers = headers == null ? Map.of() : headers;
        this.body = body == null ? new byte[0] : body;
    }

    /** An answer with {@code status}, {@code headers} (names as received) and {@code body}. */
    public static UpstreamAnswer of(int status, Map<String, List<String>> headers, byte[] body) {
        return new UpstreamAnswer(status, headers, body);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Every header, names as received. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header (case-insensitive name), or {@code null}. */
    public String header(String name) {
        Objects.requireNonNull(name, "name");
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }

    /** The body bytes (empty, never {@code null}). */
    public byte[] body() {
        return body;
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the status is 2xx. */
    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "UpstreamAnswer[" + status + ", " + body.length + " bytes]";
    }
}
