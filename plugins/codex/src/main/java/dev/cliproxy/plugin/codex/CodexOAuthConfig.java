package dev.cliproxy.plugin.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.ProviderConfig;
import java.net.URI;

/**
 * The {@code oauth.codex} section: where ChatGPT's OAuth and the Codex backend live (defaults are the real
 * endpoints; tests point them at fakes).
 *
 * @param authorizeUrl the browser authorization page
 * @param tokenUrl     the token endpoint (code exchange and refresh)
 * @param deviceUrl    the device-code API ({@code /usercode}, {@code /token} below it)
 * @param apiBaseUrl   the Responses API base of ChatGPT accounts
 * @param callbackPort the local port of the redirect
 */
record CodexOAuthConfig(String authorizeUrl, String tokenUrl, String deviceUrl, String apiBaseUrl,
                        int callbackPort) {

    static CodexOAuthConfig of(ProviderConfig config) {
        JsonNode s = config.section("oauth").path("codex");
        return new CodexOAuthConfig(s.path("authorize-url").asText("https://auth.openai.com/oauth/authorize"),
                s.path("token-url").asText("https://auth.openai.com/oauth/token"),
                strip(s.path("device-url").asText("https://auth.openai.com/api/accounts/deviceauth")),
                strip(s.path("api-base-url").asText("https://chatgpt.com/backend-api/codex")),
                s.path("callback-port").asInt(1455));
    }

    /** The issuer ({@code scheme://host[:port]}) of the authorization page: device pages live below it. */
    String issuer() {
        URI u = URI.create(authorizeUrl);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
