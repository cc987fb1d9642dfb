package dev.cliproxy.host.routing;

import dev.cliproxy.host.config.ProxyConfig;
import java.time.Duration;

/**
 * How hard one request tries, read from the live config for every request.
 *
 * @param extraRounds        {@code request-retry}, plus {@code streaming.bootstrap-retries} for streams: further
 *                           rounds over the credentials after a round in which every attempt failed
 * @param maxWait            {@code max-retry-interval}: the longest wait for a cooldown to end before another round
 * @param maxPerRound        {@code max-retry-credentials}: attempts per round, 0 for every eligible candidate
 * @param switchProject      {@code quota-exceeded.switch-project}: on a quota error, fail over to another credential
 *                           (another account or project); when off, only the same credential's fallback models
 * @param switchPreviewModel {@code quota-exceeded.switch-preview-model}: on a quota error, also try the models the
 *                           provider offers as fallbacks on the same credential
 */
public record RetryPolicy(int extraRounds, Duration maxWait, int maxPerRound, boolean switchProject,
                          boolean switchPreviewModel) {

    /** One round, no waiting, every candidate, quota switching on. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(0, Duration.ZERO, 0, true, true);

    /** The policy of {@code config} for a streaming or a whole request. */
    public static RetryPolicy of(ProxyConfig config, boolean stream) {
        return new RetryPolicy(config.requestRetry() + (stream ? config.streaming().bootstrapRetries() : 0),
                Duration.ofSeconds(config.maxRetryInterval()), config.failover().maxRetryCredentials(),
                config.quotaExceeded().switchProject(), config.quotaExceeded().switchPreviewModel());
    }
}
