package dev.cliproxy.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads when an upstream says a rate-limited credential may be used again: the {@code Retry-After} header
 * (delta-seconds or HTTP date), the {@code retry-after-ms} header, Google's {@code "retryDelay": "30s"} in an error
 * body, and the OpenAI-style {@code "try again in 6m0s"} / {@code "retry in 1.5s"} phrases in an error message.
 * Plugins whose upstream names a reset elsewhere (a provider-specific header) classify it themselves and pass the
 * result to {@link UpstreamException}. The host caps whatever is found, so a bogus value cannot bench an account for
 * days.
 */
public final class RetryHints {

    private static final Pattern RETRY_DELAY =
            Pattern.compile("\"retryDelay\"\\s*:\\s*\"(\\d+(?:\\.\\d+)?)s\"");
    private static final Pattern TRY_AGAIN = Pattern.compile(
            "(?i)(?:try again|retry|reset|resets) (?:in|after) ((?:\\d+(?:\\.\\d+)?(?:ms|h|m|s))+)");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final int MAX_SCAN = 16 * 1024;

    private RetryHints() {
    }

    /** The hint in {@code headers}, else in {@code body}, else {@code null}. */
    public static Duration of(Map<String, List<String>> headers, byte[] body) {
        Duration d = fromHeaders(headers, Clock.systemUTC());
        return d != null ? d : fromBody(body);
    }

    /** {@code Retry-After} (seconds or HTTP date, relative to {@code clock}) or {@code retry-after-ms}; or null. */
    public static Duration fromHeaders(Map<String, List<String>> headers, Clock clock) {
        if (headers == null) {
            return null;
        }
        String retryAfter = header(headers, "retry-after");
        if (retryAfter != null) {
            Duration d = parseRetryAfter(retryAfter, clock);
            if (d != null) {
                return d;
            }
        }
        String millis = header(headers, "retry-after-ms");
        if (millis != null) {
            try {
                double ms = Double.parseDouble(millis.trim());
                return ms >= 0 ? Duration.ofNanos((long) (ms * 1_000_000)) : null;
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    /** A reset named in an error body ({@code retryDelay}, "try again in ..."), or {@code null}. */
    public static Duration fromBody(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text = new String(body, 0, Math.min(body.length, MAX_SCAN), StandardCharsets.UTF_8);
        Matcher m = RETRY_DELAY.matcher(text);
        if (m.find()) {
            return seconds(m.group(1));
        }
        m = TRY_AGAIN.matcher(text);
        return m.find() ? parseDuration(m.group(1)) : null;
    }

    /** A Go-style duration such as {@code 1.5s}, {@code 6m0s}, {@code 1h2m}, {@code 250ms}; or {@code null}. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION_PART.matcher(text.trim());
        long nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            end = m.end();
            double v = Double.parseDouble(m.group(1));
            nanos += (long) (v * switch (m.group(2)) {
                case "h" -> 3_600_000_000_000d;
                case "m" -> 60_000_000_000d;
                case "s" -> 1_000_000_000d;
                default -> 1_000_000d;
            });
        }
        return end == 0 || end != text.trim().length() ? null : Duration.ofNanos(nanos);
    }

    /** A {@code Retry-After} value: delta-seconds or an HTTP date; {@code null} if unreadable. */
    public static Duration parseRetryAfter(String value, Clock clock) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static Duration seconds(String decimal) {
        return Duration.ofNanos((long) (Double.parseDouble(decimal) * 1_000_000_000d));
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && h.getValue() != null
                    && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }
}
