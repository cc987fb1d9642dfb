package dev.cliproxy.plugin.gemini;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.UpstreamException;
import dev.cliproxy.api.format.gemini.GeminiErrors;
import dev.cliproxy.api.http.UpstreamExchange.ErrorAnswer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Classifies Gemini API error answers beyond their status: a 429 cools the model until the
 * {@code google.rpc.RetryInfo} delay of the body (else {@code Retry-After}); an invalid API key, which the API
 * answers with 400 {@code API_KEY_INVALID}, is an auth failure of the whole credential, not a bad request.
 */
final class GeminiFailures {

    private GeminiFailures() {
    }

    /** The exception for {@code answer}, or {@code null} to keep the status rule. */
    static UpstreamException classify(ErrorAnswer answer) {
        if (answer.status() == 429) {
            Duration delay = GeminiErrors.retryDelay(answer.body());
            if (delay == null) {
                delay = UpstreamException.parseRetryAfter(answer.response().headers());
            }
            return new UpstreamException(429, answer.body(), FailureKind.QUOTA, delay, false,
                    "upstream quota exhausted (429)");
        }
        if (answer.status() == 400 && new String(answer.body(), StandardCharsets.UTF_8).contains("API_KEY_INVALID")) {
            return new UpstreamException(400, answer.body(), FailureKind.AUTH, null, true,
                    "upstream rejected the API key");
        }
        return null;
    }
}
