package dev.cliproxy.plugin.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.UpstreamException;
import dev.cliproxy.api.format.Json;
import dev.cliproxy.api.http.UpstreamExchange.ErrorAnswer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Classifies 429 answers of Responses upstreams: the cooldown is {@code Retry-After}, else the reset the ChatGPT
 * Codex backend puts in its {@code usage_limit_reached} error ({@code resets_in_seconds}, or {@code resets_at} in
 * epoch seconds). A used-up plan blocks every model of the credential.
 */
final class CodexFailures {

    private final Clock clock;

    CodexFailures(Clock clock) {
        this.clock = clock;
    }

    /** The exception for {@code answer}, or {@code null} to keep the status rule. */
    UpstreamException classify(ErrorAnswer answer) {
        if (answer.status() != 429) {
            return null;
        }
        JsonNode error = error(answer.body());
        Duration wait = UpstreamException.parseRetryAfter(answer.response().headers());
        if (wait == null && error.path("resets_in_seconds").canConvertToLong()) {
            wait = Duration.ofSeconds(Math.max(0, error.path("resets_in_seconds").asLong()));
        }
        if (wait == null && error.path("resets_at").canConvertToLong()) {
            Duration d = Duration.between(clock.instant(), Instant.ofEpochSecond(error.path("resets_at").asLong()));
            wait = d.isNegative() ? Duration.ZERO : d;
        }
        boolean plan = "usage_limit_reached".equals(error.path("type").asText());
        return new UpstreamException(429, answer.body(), FailureKind.QUOTA, wait, plan,
                plan ? "upstream usage limit reached (429)" : "upstream rate limit (429)");
    }

    private static JsonNode error(byte[] body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            return root == null ? Json.object() : root.path("error");
        } catch (IOException e) {
            return Json.object();
        }
    }
}
