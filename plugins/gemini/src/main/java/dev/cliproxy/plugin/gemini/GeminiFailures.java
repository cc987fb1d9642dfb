package dev.cliproxy.plugin.gemini;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.RetryHints;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamFailure;
import dev.cliproxy.formats.gemini.GeminiErrors;
import java.time.Clock;
import java.time.Duration;

/**
 * Classifies Gemini API error answers beyond their status: a 429 cools the model until the
 * {@code google.rpc.RetryInfo} delay of the body (else {@code Retry-After}); an invalid API key, which the API
 * answers with 400 {@code API_KEY_INVALID}, is an auth failure of the whole credential, not a bad request.
 */
final class GeminiFailures {

    private GeminiFailures() {
    }

    /** How to treat {@code answer}: the status rule, refined by what the Gemini API's error body says. */
    static UpstreamFailure classify(UpstreamAnswer answer, Clock clock) {
        UpstreamFailure.Builder failure = UpstreamFailure.byStatus(answer, clock);
        if (answer.status() == 429) {
            Duration delay = GeminiErrors.retryDelay(answer.body());
            if (delay == null) {
                delay = RetryHints.fromHeaders(answer.headers(), clock);
            }
            return failure.kind(FailureKind.QUOTA).retryAfter(delay).message("upstream quota exhausted (429)").build();
        }
        if (answer.status() == 400 && answer.bodyText().contains("API_KEY_INVALID")) {
            return failure.kind(FailureKind.AUTH).retryAfter(null).wholeCredential(true)
                    .message("upstream rejected the API key").build();
        }
        return failure.build();
    }
}
