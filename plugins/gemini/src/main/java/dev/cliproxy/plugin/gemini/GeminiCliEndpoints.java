package dev.cliproxy.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.ProviderConfig;

/**
 * The Gemini CLI URLs and OAuth client of config section {@code oauth.gemini-cli}; every one movable so that tests
 * and private deployments reach their own servers. Defaults are Google's real endpoints and the public
 * installed-app client of the Gemini CLI (an installed app's client secret is not a secret, by Google's rules).
 */
record GeminiCliEndpoints(String authorizeUrl, String tokenUrl, String userinfoUrl, String codeAssistUrl,
                          String resourceManagerUrl, String serviceUsageUrl, int callbackPort, String clientId,
                          String clientSecret) {

    static final String SECTION = "gemini-cli";

    static GeminiCliEndpoints of(ProviderConfig config) {
        JsonNode s = config.section("oauth").path(SECTION);
        return new GeminiCliEndpoints(
                text(s, "authorize-url", "https://accounts.google.com/o/oauth2/v2/auth"),
                text(s, "token-url", "https://oauth2.googleapis.com/token"),
                text(s, "userinfo-url", "https://www.googleapis.com/oauth2/v1/userinfo"),
                text(s, "code-assist-url", "https://cloudcode-pa.googleapis.com"),
                text(s, "resource-manager-url", "https://cloudresourcemanager.googleapis.com"),
                text(s, "service-usage-url", "https://serviceusage.googleapis.com"),
                s.path("callback-port").asInt(8085),
                text(s, "client-id", "681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com"),
                text(s, "client-secret", "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"));
    }

    private static String text(JsonNode section, String key, String fallback) {
        String v = section.path(key).asText("").trim();
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        return v.isEmpty() ? fallback : v;
    }

    @Override
    public String toString() {
        return "GeminiCliEndpoints[codeAssist=" + codeAssistUrl + ", token=" + tokenUrl + "]";
    }
}
