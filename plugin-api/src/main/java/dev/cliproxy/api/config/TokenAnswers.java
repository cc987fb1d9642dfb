package dev.cliproxy.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.LoginException;
import dev.cliproxy.api.UpstreamAnswer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Answers of OAuth token endpoints (RFC 6749), read the same way for every provider: a failure becomes a
 * {@link LoginException} naming the status and the {@code error} code (never the body, which may hold tokens), and
 * a success's tokens are written into a token file without dropping the refresh token or id_token the answer
 * leaves out.
 */
public final class TokenAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Error codes that mean the refresh token will never work again. */
    private static final Set<String> TERMINAL = Set.of("invalid_grant", "refresh_token_reused",
            "refresh_token_expired", "refresh_token_invalidated");

    private TokenAnswers() {
    }

    /**
     * The JSON object of a 2xx {@code answer}.
     *
     * @throws LoginException {@code "<failure>: HTTP <status> <error code>"} for any other answer
     */
    public static JsonNode read(UpstreamAnswer answer, String failure) throws LoginException {
        JsonNode json;
        try {
            json = JSON.readTree(answer.body());
        } catch (IOException e) {
            json = null;
        }
        if (!answer.isSuccessful()) {
            String code = errorCode(json);
            throw failure(answer, failure + ": HTTP " + answer.status() + (code.isEmpty() ? "" : " " + code));
        }
        if (json == null || !json.isObject()) {
            throw new LoginException(failure + ": the answer is not JSON");
        }
        return json;
    }

    /**
     * The exception for a failed token {@code answer}, with {@code message}: {@link LoginException#needsLogin} when
     * the refresh token is refused for good (400 or 401 with {@code invalid_grant}, {@code refresh_token_reused},
     * {@code refresh_token_expired} or {@code refresh_token_invalidated}, as a string or as {@code error.code}),
     * {@link LoginException#retryAfter} for a 429 with a {@code Retry-After} in seconds, else a plain one.
     *
     * @since 2.3.0
     */
    public static LoginException failure(UpstreamAnswer answer, String message) {
        if (answer.status() == 400 || answer.status() == 401) {
            JsonNode json;
            try {
                json = JSON.readTree(answer.body());
            } catch (IOException e) {
                json = null;
            }
            if (TERMINAL.contains(errorCode(json))) {
                return LoginException.needsLogin(message + " (log in again)");
            }
        }
        if (answer.status() == 429) {
            String wait = answer.header("Retry-After");
            if (wait != null && wait.trim().matches("\\d{1,9}")) {
                return LoginException.retryAfter(message, Duration.ofSeconds(Long.parseLong(wait.trim())));
            }
        }
        return new LoginException(message);
    }

    /** The {@code error} code of a token endpoint's error answer ({@code error} or {@code error.code}), or "". */
    private static String errorCode(JsonNode json) {
        JsonNode error = json == null ? null : json.path("error");
        return error == null ? "" : error.isTextual() ? error.asText()
                : error.path("code").asText(error.path("type").asText(""));
    }

    /**
     * Writes the tokens of {@code answer} into {@code file}: {@code access_token}, {@code refresh_token} and
     * {@code id_token} when present (a missing one keeps the file's), {@code last_refresh} = {@code now} and
     * {@code expired} = {@code now + expires_in} ({@code defaultLifetime} when the answer gives none).
     *
     * @throws LoginException when the answer holds no access token
     */
    public static void apply(ObjectNode file, JsonNode answer, Instant now, Duration defaultLifetime)
            throws LoginException {
        String access = answer.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new LoginException("The token answer holds no access token");
        }
        file.put("access_token", access);
        for (String field : new String[] {"refresh_token", "id_token"}) {
            if (!answer.path(field).asText("").isEmpty()) {
                file.put(field, answer.path(field).asText());
            }
        }
        long lifetime = answer.path("expires_in").asLong(defaultLifetime.toSeconds());
        file.put("last_refresh", TokenFiles.format(now));
        file.put("expired", TokenFiles.format(now.plusSeconds(lifetime)));
    }
}
