package dev.cliproxy.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.LoginException;
import dev.cliproxy.api.UpstreamAnswer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Answers of OAuth token endpoints (RFC 6749), read the same way for every provider: a failure becomes a
 * {@link LoginException} naming the status and the {@code error} code (never the body, which may hold tokens), and
 * a success's tokens are written into a token file without dropping the refresh token or id_token the answer
 * leaves out.
 */
public final class TokenAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

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
            JsonNode error = json == null ? null : json.path("error");
            String code = error == null ? "" : error.isTextual() ? error.asText()
                    : error.path("code").asText(error.path("type").asText(""));
            throw new LoginException(failure + ": HTTP " + answer.status() + (code.isEmpty() ? "" : " " + code));
        }
        if (json == null || !json.isObject()) {
            throw new LoginException(failure + ": the answer is not JSON");
        }
        return json;
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
