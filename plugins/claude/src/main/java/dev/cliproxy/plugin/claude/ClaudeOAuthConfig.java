package dev.cliproxy.plugin.claude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.ProviderConfig;

/**
 * The {@code oauth.claude} section: where Claude Code's OAuth and API live (defaults are the real endpoints; tests
 * point them at fakes).
 *
 * @param authorizeUrl the browser authorization page
 * @param tokenUrl     the token endpoint (code exchange and refresh)
 * @param apiBaseUrl   the Messages API base of OAuth accounts
 * @param callbackPort the local port of the redirect
 */
record ClaudeOAuthConfig(String authorizeUrl, String tokenUrl, String apiBaseUrl, int callbackPort) {

    static ClaudeOAuthConfig of(ProviderConfig config) {
        JsonNode s = config.section("oauth").path("claude");
        return new ClaudeOAuthConfig(s.path("authorize-url").asText("https://claude.ai/oauth/authorize"),
                s.path("token-url").asText("https://platform.claude.com/v1/oauth/token"),
                strip(s.path("api-base-url").asText(ClaudeProvider.DEFAULT_BASE_URL)),
                s.path("callback-port").asInt(54545));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
