package dev.cliproxy.plugin.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import java.util.Base64;

/**
 * The claims of an OpenAI {@code id_token} the login needs: {@code email}, and under
 * {@code https://api.openai.com/auth} the {@code chatgpt_account_id} and {@code chatgpt_plan_type}. The token is
 * read, not verified: it comes straight from the token endpoint over TLS.
 *
 * @param email     the account e-mail, or empty
 * @param accountId the ChatGPT account id, or empty
 * @param plan      the plan ({@code plus}, {@code pro}...), or empty
 */
record IdTokenClaims(String email, String accountId, String plan) {

    private static final String AUTH = "https://api.openai.com/auth";

    /** The claims of {@code idToken}; empty values when it is not a readable JWT. */
    static IdTokenClaims of(String idToken) {
        String[] parts = idToken == null ? new String[0] : idToken.split("\\.");
        if (parts.length < 2) {
            return new IdTokenClaims("", "", "");
        }
        JsonNode claims;
        try {
            claims = Json.parse(Base64.getUrlDecoder().decode(parts[1]));
        } catch (RuntimeException e) {
            return new IdTokenClaims("", "", "");
        }
        JsonNode auth = claims.path(AUTH);
        return new IdTokenClaims(claims.path("email").asText(""), auth.path("chatgpt_account_id").asText(""),
                auth.path("chatgpt_plan_type").asText(""));
    }
}
