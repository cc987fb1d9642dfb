package dev.cliproxy.host.accesslog;

import dev.cliproxy.formats.Usage;
import dev.cliproxy.host.metrics.MetricLabels;
import dev.cliproxy.host.pipeline.ExchangeListener;
import dev.cliproxy.host.pipeline.ExchangeOutcome;
import dev.cliproxy.host.pipeline.InboundRequest;
import dev.cliproxy.host.routing.Candidate;
import dev.cliproxy.host.upstream.UpstreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured access line per model request, in logfmt ({@code key=value}, values with spaces quoted), on the
 * {@code dev.cliproxy.access} logger:
 * <pre>
 * id=4f1c… client=key-1a2b3c4d format=openai-chat model=my-model provider=claude credential=claude-9f8e…
 *   status=200 stream=false attempts=1 duration_ms=12.41 ttfb_ms=12.38 upstream_ms=11.90
 *   tokens_in=31 tokens_out=12 tokens_cached=0 tokens_reasoning=0
 * </pre>
 * An {@code error="…"} field follows on failures; a duration that does not apply is {@code -}. Client keys appear
 * as their stable id, never the key; credentials as their id. Lines are written at INFO; with {@code debug: true}
 * (switched live) each failed upstream attempt adds a DEBUG line with its status, reason and error.
 */
public final class AccessLog implements ExchangeListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.cliproxy.access");

    @Override
    public void attemptFailed(InboundRequest request, Candidate candidate, UpstreamException error) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("id={} attempt_failed provider={} credential={} upstream_status={} reason={} error={}",
                    request.requestId(), candidate.provider().id(), candidate.credentialId(), error.status(),
                    error.kind().name().toLowerCase(), quote(error.getMessage()));
        }
    }

    @Override
    public void finished(InboundRequest request, ExchangeOutcome o) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(o));
        }
    }

    /** The access line of {@code o}. */
    static String line(ExchangeOutcome o) {
        StringBuilder b = new StringBuilder(320);
        b.append("id=").append(o.requestId())
                .append(" client=").append(o.clientKeyId())
                .append(" format=").append(MetricLabels.format(o.format()))
                .append(" model=").append(quote(o.model()))
                .append(" provider=").append(o.provider() == null ? "-" : o.provider())
                .append(" credential=").append(o.credentialId() == null ? "-" : o.credentialId())
                .append(" status=").append(o.status())
                .append(" stream=").append(o.stream())
                .append(" attempts=").append(o.attempts());
        millis(b.append(" duration_ms="), o.endNanos() - o.startNanos());
        millis(b.append(" ttfb_ms="), o.firstByteNanos() == 0 ? -1 : o.firstByteNanos() - o.startNanos());
        millis(b.append(" upstream_ms="), o.upstreamNanos() == 0 ? -1 : o.upstreamNanos());
        Usage u = o.usage();
        if (u != null) {
            b.append(" tokens_in=").append(u.inputTokens())
                    .append(" tokens_out=").append(u.outputTokens())
                    .append(" tokens_cached=").append(u.cachedInputTokens())
                    .append(" tokens_reasoning=").append(u.reasoningTokens());
        }
        if (o.error() != null) {
            b.append(" error=").append(quote(o.error()));
        }
        return b.toString();
    }

    /** Milliseconds with two decimals, or {@code -} for a negative value. */
    private static void millis(StringBuilder b, long nanos) {
        if (nanos < 0) {
            b.append('-');
            return;
        }
        long hundredths = nanos / 10_000;
        b.append(hundredths / 100).append('.');
        long frac = hundredths % 100;
        if (frac < 10) {
            b.append('0');
        }
        b.append(frac);
    }

    /** A logfmt value: bare when safe, else double-quoted with quotes, backslashes and line breaks escaped. */
    public static String quote(String s) {
        if (s == null) {
            return "-";
        }
        boolean plain = !s.isEmpty();
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c > ' ' && c != '"' && c != '\\' && c != '=' && c < 0x7f;
        }
        if (plain) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8).append('"');
        int max = Math.min(s.length(), 512);
        for (int i = 0; i < max; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < ' ' ? '?' : c);
            }
        }
        if (s.length() > max) {
            b.append("...");
        }
        return b.append('"').toString();
    }
}
