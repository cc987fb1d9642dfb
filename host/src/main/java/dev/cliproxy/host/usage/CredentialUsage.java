package dev.cliproxy.host.usage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.pipeline.ExchangeListener;
import dev.cliproxy.host.pipeline.ExchangeOutcome;
import dev.cliproxy.host.pipeline.InboundRequest;
import dev.cliproxy.host.routing.Candidate;
import dev.cliproxy.host.upstream.UpstreamException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Successes and failures of each credential, counted per upstream attempt: every failed attempt counts against
 * its credential, and the attempt that ends the request counts as a success or a failure (a client that went away
 * counts for nobody). {@link #snapshot} gives the anchor's {@code GET /api-key-usage} shape for the API-key
 * credentials of the config. Counters of credentials that disappear from the config are dropped ({@link #retain}).
 */
public final class CredentialUsage implements ExchangeListener {

    /** The attribute the OpenAI-compatible provider sets to an entry's {@code name}; usage is grouped by it. */
    private static final String COMPAT_NAME_ATTRIBUTE = "compat-name";
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private final Clock clock;
    private final ZoneId labelZone;
    private final Map<String, RecentRequests> counts = new ConcurrentHashMap<>();
    /** Failed attempts of the requests in flight that had any. */
    private final Map<InboundRequest, Integer> failedAttempts = new ConcurrentHashMap<>();

    /**
     * @param clock     when requests happen
     * @param labelZone the time zone of the bucket labels ({@code 15:00-15:10})
     */
    public CredentialUsage(Clock clock, ZoneId labelZone) {
        this.clock = clock;
        this.labelZone = labelZone;
    }

    @Override
    public void attemptFailed(InboundRequest request, Candidate candidate, UpstreamException error) {
        record(candidate.credentialId(), false);
        failedAttempts.merge(request, 1, Integer::sum);
    }

    @Override
    public void finished(InboundRequest request, ExchangeOutcome outcome) {
        Integer failedBefore = failedAttempts.remove(request);
        int failed = failedBefore == null ? 0 : failedBefore;
        if (outcome.credentialId() == null || outcome.status() == 499) {
            return;
        }
        if (outcome.succeeded()) {
            record(outcome.credentialId(), true);
        } else if (outcome.attempts() > failed) {
            record(outcome.credentialId(), false);
        }
    }

    private void record(String credentialId, boolean ok) {
        counts.computeIfAbsent(credentialId, k -> new RecentRequests()).record(clock.instant(), ok);
    }

    /** Forgets the counters of every credential not in {@code ids}. */
    public void retain(Collection<String> ids) {
        counts.keySet().retainAll(Set.copyOf(ids));
    }

    /**
     * {@code {"<provider or compat name>": {"<base-url>|<masked api-key>": {"success", "failed",
     * "recent_requests": [{"time": "15:00-15:10", "success", "failed"} x 20]}}}} for the credentials of config
     * API-key entries (credentials from auth files and entries without a key are left out). Unlike the anchor, the
     * key is masked ({@code sk-...b780}): this endpoint never returns a secret; a panel matches it against the
     * masked form of {@code GET /<section>}. Entries sharing provider, base URL and masked key are added up.
     */
    public ObjectNode snapshot(List<Credential> credentials) {
        Instant now = clock.instant();
        Map<String, Map<String, RecentRequests.Snapshot>> grouped = new LinkedHashMap<>();
        for (Credential c : credentials) {
            if (c.secret().isEmpty() || c.kind() != Credential.Kind.API_KEY) {
                continue;
            }
            String provider = c.attribute(COMPAT_NAME_ATTRIBUTE, c.provider()).toLowerCase(Locale.ROOT);
            RecentRequests r = counts.get(c.id());
            RecentRequests.Snapshot s = r == null ? RecentRequests.empty(now) : r.snapshot(now);
            grouped.computeIfAbsent(provider, k -> new LinkedHashMap<>())
                    .merge(c.baseUrl() + "|" + c.maskedSecret(), s, RecentRequests.Snapshot::plus);
        }
        ObjectNode out = Json.object();
        grouped.forEach((provider, entries) -> {
            ObjectNode p = out.putObject(provider);
            entries.forEach((key, s) -> write(p.putObject(key), s));
        });
        return out;
    }

    private void write(ObjectNode out, RecentRequests.Snapshot s) {
        out.put("success", s.success()).put("failed", s.failed());
        ArrayNode recent = out.putArray("recent_requests");
        for (RecentRequests.Bucket b : s.recent()) {
            Instant start = Instant.ofEpochSecond(b.id() * RecentRequests.BUCKET_SECONDS);
            String label = HOUR_MINUTE.format(start.atZone(labelZone)) + "-"
                    + HOUR_MINUTE.format(start.plusSeconds(RecentRequests.BUCKET_SECONDS).atZone(labelZone));
            recent.addObject().put("time", label).put("success", b.success()).put("failed", b.failed());
        }
    }
}
