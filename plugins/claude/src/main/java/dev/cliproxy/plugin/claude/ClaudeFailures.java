package dev.cliproxy.plugin.claude;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.UpstreamException;
import dev.cliproxy.api.http.UpstreamExchange.ErrorAnswer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies Anthropic error answers beyond their status:
 * <ul>
 *   <li>429: quota, cooling until {@code retry-after}, else until the {@code anthropic-ratelimit-*-reset} of the
 *       exhausted limit (its {@code -remaining} is 0; the earliest reset when none says so). A {@code rejected}
 *       unified status (subscription windows) benches the whole credential.</li>
 *   <li>A 400 about the credit balance is a quota problem of the whole key, not a bad request.</li>
 *   <li>Everything else keeps the status rule (529 overloaded and 5xx transient, {@code invalid_request_error}
 *       400 a client fault, 401/403 auth).</li>
 * </ul>
 */
final class ClaudeFailures {

    private static final String PREFIX = "anthropic-ratelimit-";
    private static final List<String> UNIFIED_STATUS = List.of("anthropic-ratelimit-unified-status",
            "anthropic-ratelimit-unified-5h-status", "anthropic-ratelimit-unified-7d-status");

    private final Clock clock;

    ClaudeFailures(Clock clock) {
        this.clock = clock;
    }

    /** The exception for {@code answer}, or {@code null} to keep the status rule. */
    UpstreamException classify(ErrorAnswer answer) {
        Map<String, List<String>> headers = answer.response().headers();
        if (answer.status() == 429) {
            boolean whole = UNIFIED_STATUS.stream()
                    .anyMatch(h -> "rejected".equalsIgnoreCase(answer.response().header(h)));
            return new UpstreamException(429, answer.body(), FailureKind.QUOTA, retryAfter(answer), whole,
                    "upstream rate limit (429)");
        }
        if (answer.status() == 400 && new String(answer.body(), StandardCharsets.UTF_8)
                .toLowerCase(Locale.ROOT).contains("credit balance")) {
            return new UpstreamException(400, answer.body(), FailureKind.QUOTA,
                    UpstreamException.parseRetryAfter(headers), true, "upstream credit balance exhausted");
        }
        return null;
    }

    private Duration retryAfter(ErrorAnswer answer) {
        Duration header = UpstreamException.parseRetryAfter(answer.response().headers());
        if (header != null) {
            return header;
        }
        Instant exhausted = null;
        Instant earliest = null;
        for (Map.Entry<String, List<String>> h : answer.response().headers().entrySet()) {
            String name = h.getKey() == null ? "" : h.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(PREFIX) || !name.endsWith("-reset") || h.getValue().isEmpty()) {
                continue;
            }
            Instant at = instant(h.getValue().get(0));
            if (at == null) {
                continue;
            }
            String limit = name.substring(0, name.length() - "-reset".length());
            if ("0".equals(answer.response().header(limit + "-remaining"))) {
                exhausted = exhausted == null || at.isAfter(exhausted) ? at : exhausted;
            }
            earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
        }
        Instant at = exhausted != null ? exhausted : earliest;
        if (at == null) {
            return null;
        }
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** An RFC 3339 timestamp or epoch seconds; {@code null} when neither. */
    static Instant instant(String value) {
        String v = value.trim();
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(v));
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
