package dev.cliproxy.host.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the Go way, as the anchor's config does: a sequence of numbers with units, such as
 * {@code 1h}, {@code 30m}, {@code 2h30m}, {@code 1.5h}, {@code 90s} or {@code 250ms} (units {@code ns}, {@code us},
 * {@code ms}, {@code s}, {@code m}, {@code h}); {@code 0} alone is zero.
 */
final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
            "μs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * The duration {@code text} stands for.
     *
     * @throws IllegalArgumentException when it is not a Go duration
     */
    static Duration parse(String text) {
        String s = text.trim();
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length() && m.find(at) && m.start() == at) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(m.group(2)))));
            at = m.end();
        }
        if (s.isEmpty() || at != s.length()) {
            throw new IllegalArgumentException("not a duration: '" + text + "'");
        }
        try {
            Duration d = Duration.ofNanos(nanos.longValueExact());
            return negative ? d.negated() : d;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration out of range: '" + text + "'", e);
        }
    }
}
