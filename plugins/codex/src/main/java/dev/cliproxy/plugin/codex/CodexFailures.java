package dev.cliproxy.plugin.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.RetryHints;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamFailure;
import dev.cliproxy.formats.Json;
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

    /** How to treat {@code answer}: the status rule, with the Codex backend's own reset for 429s. */
    UpstreamFailure classify(UpstreamAnswer answer) {
        UpstreamFailure.Builder failure = UpstreamFailure.byStatus(answer, clock);
        if (answer.status() != 429) {
            return failure.build();
        }
        JsonNode error = error(answer.body());
        Duration wait = RetryHints.fromHeaders(answer.headers(), clock);
        if (wait == null && error.path("resets_in_seconds").canConvertToLong()) {
            wait = Duration.ofSeconds(Math.max(0, error.path("resets_in_seconds").asLong()));
        }
        if (wait == null && error.path("resets_at").canConvertToLong()) {
            Duration d = Duration.between(clock.instant(), Instant.ofEpochSecond(error.path("resets_at").asLong()));
            wait = d.isNegative() ? Duration.ZERO : d;
        }
        boolean plan = "usage_limit_reached".equals(error.path("type").asText());
        return failure.kind(FailureKind.QUOTA).retryAfter(wait).wholeCredential(plan)
                .message(plan ? "upstream usage limit reached (429)" : "upstream rate limit (429)").build();
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
