package dev.cliproxy.host.amp;

import java.util.function.Predicate;

/**
 * Where one model call from Amp goes, decided as the Go anchor does: with {@code force-model-mappings}, a mapping
 * to a locally served model wins; else a model served locally is answered locally; else a mapping to a locally
 * served model; else, with an upstream configured, the original request goes to Amp (and costs Amp credits); else
 * the local providers answer (a 404 for a model nobody serves).
 *
 * @param kind  how it is served
 * @param model the model the local providers serve it with ({@code null} when it goes to Amp)
 */
record ModelRoute(Kind kind, String model) {

    /** How a model call is served. */
    enum Kind {
        /** By the local providers, under the model Amp asked for. */
        LOCAL,
        /** By the local providers, under the model a mapping names. */
        MAPPED,
        /** By the Amp upstream. */
        AMP_CREDITS
    }

    static ModelRoute decide(String requested, AmpSettings settings, Predicate<String> servedLocally) {
        String target = settings.mappings().target(requested);
        String mapped = target != null && servedLocally.test(target) ? target : null;
        if (mapped != null && settings.forceMappings()) {
            return new ModelRoute(Kind.MAPPED, mapped);
        }
        if (servedLocally.test(requested)) {
            return new ModelRoute(Kind.LOCAL, requested);
        }
        if (mapped != null) {
            return new ModelRoute(Kind.MAPPED, mapped);
        }
        return settings.hasUpstream() ? new ModelRoute(Kind.AMP_CREDITS, null) : new ModelRoute(Kind.LOCAL, requested);
    }
}
