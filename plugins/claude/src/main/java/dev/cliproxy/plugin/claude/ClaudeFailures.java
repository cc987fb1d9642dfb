package dev.cliproxy.plugin.claude;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.RetryHints;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamFailure;
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

    /** How to treat {@code answer}: the status rule, refined by what Anthropic's headers and body say. */
    UpstreamFailure classify(UpstreamAnswer answer) {
        UpstreamFailure.Builder failure = UpstreamFailure.byStatus(answer, clock);
        if (answer.status() == 429) {
            boolean whole = UNIFIED_STATUS.stream().anyMatch(h -> "rejected".equalsIgnoreCase(answer.header(h)));
            return failure.kind(FailureKind.QUOTA).retryAfter(retryAfter(answer)).wholeCredential(whole)
                    .message("upstream rate limit (429)").build();
        }
        if (answer.status() == 400 && answer.bodyText().toLowerCase(Locale.ROOT).contains("credit balance")) {
            return failure.kind(FailureKind.QUOTA).wholeCredential(true)
                    .message("upstream credit balance exhausted").build();
        }
        return failure.build();
    }

    private Duration retryAfter(UpstreamAnswer answer) {
        Duration header = RetryHints.fromHeaders(answer.headers(), clock);
        if (header != null) {
            return header;
        }
        Instant exhausted = null;
        Instant earliest = null;
        for (Map.Entry<String, List<String>> h : answer.headers().entrySet()) {
            String name = h.getKey() == null ? "" : h.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(PREFIX) || !name.endsWith("-reset") || h.getValue().isEmpty()) {
                continue;
            }
            Instant at = instant(h.getValue().get(0));
            if (at == null) {
                continue;
            }
            String limit = name.substring(0, name.length() - "-reset".length());
            if ("0".equals(answer.header(limit + "-remaining"))) {
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
