package dev.cliproxy.host.routing;

import dev.cliproxy.api.FailureKind;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code quota-exceeded.switch-preview-model}: when a candidate's upstream model is out of quota, the models its
 * provider offers as fallbacks on the same credential ({@link dev.cliproxy.api.ProviderPlugin#quotaFallbackModels}),
 * tried after every regular candidate of the pool has failed or is cooling.
 */
final class QuotaFallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaFallbacks.class);

    private QuotaFallbacks() {
    }

    /**
     * The first eligible fallback of a pool candidate that is out of quota (it failed with a quota error in this
     * request, or cools down for one), in pool order then the provider's order; or {@code null}.
     */
    static Candidate next(CandidatePool pool, CooldownTracker cooldowns, List<Candidate> quotaFailed,
                          Predicate<Candidate> allowed, Predicate<Candidate> eligible) {
        for (Candidate source : pool.candidates()) {
            if (!allowed.test(source) || !outOfQuota(source, cooldowns, quotaFailed)) {
                continue;
            }
            List<String> models;
            try {
                models = source.provider().quotaFallbackModels(source.credential(), source.upstreamModel());
            } catch (RuntimeException e) {
                LOG.error("Provider '{}' failed to name quota fallback models", source.provider().id(), e);
                continue;
            }
            for (String m : models) {
                if (m == null || m.isBlank()) {
                    continue;
                }
                Candidate fallback = new Candidate(source.provider(), source.credential(), m);
                if (eligible.test(fallback)) {
                    return fallback;
                }
            }
        }
        return null;
    }

    private static boolean outOfQuota(Candidate c, CooldownTracker cooldowns, List<Candidate> quotaFailed) {
        if (quotaFailed.contains(c)) {
            return true;
        }
        CooldownTracker.Cooldown cd = cooldowns.activeCooldown(c);
        return cd != null && cd.reason() == FailureKind.QUOTA;
    }
}
