package dev.cliproxy.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.api.HostServices;
import dev.cliproxy.api.LoginException;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.formats.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Project discovery and onboarding of a Gemini CLI account, as the Gemini CLI does it: {@code loadCodeAssist} for
 * the default tier (and the account's own project), {@code onboardUser} polled until {@code done}, then the Cloud AI
 * Companion API checked (and enabled) on the project. A requested project list is set up one by one; {@code ALL}
 * lists the account's active projects first. Every failure is a {@link LoginException} that says what to do.
 */
final class GeminiCliProjects {

    static final String SERVICE = "cloudaicompanion.googleapis.com";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final int MAX_POLLS = 30;

    private final GeminiCliEndpoints endpoints;
    private final String accessToken;
    private final HostServices services;

    GeminiCliProjects(GeminiCliEndpoints endpoints, String accessToken, HostServices services) {
        this.endpoints = endpoints;
        this.accessToken = accessToken;
        this.services = services;
    }

    /** The projects of the token file for {@code asked}: empty (discover), {@code ALL}, or an id or comma list. */
    List<String> setUp(String asked) throws LoginException {
        if (asked.isEmpty()) {
            return List.of(discover());
        }
        List<String> wanted = asked.equalsIgnoreCase("ALL") ? listProjects() : GeminiCliAccounts.projects(asked);
        List<String> out = new ArrayList<>();
        for (String p : wanted) {
            String project = onboard(p);
            ensureApiEnabled(project);
            if (!out.contains(project)) {
                out.add(project);
            }
        }
        return out;
    }

    /** The account's own project (Google One / free tier accounts), onboarding it when it has none yet. */
    private String discover() throws LoginException {
        JsonNode loaded = post("/v1internal:loadCodeAssist", metadataBody(null), "load the Code Assist account");
        String project = projectOf(loaded.path("cloudaicompanionProject"));
        if (!project.isEmpty()) {
            return project;
        }
        ObjectNode body = metadataBody(null).put("tierId", defaultTier(loaded));
        project = projectOf(poll(body).path("response").path("cloudaicompanionProject"));
        if (project.isEmpty()) {
            throw new LoginException("Google set up no Gemini Code Assist project for this account: log in with "
                    + "--project_id <your Google Cloud project>");
        }
        return project;
    }

    private String onboard(String project) throws LoginException {
        JsonNode loaded = post("/v1internal:loadCodeAssist", metadataBody(project),
                "load the Code Assist account for project " + project);
        ObjectNode body = metadataBody(project).put("tierId", defaultTier(loaded));
        String onboarded = projectOf(poll(body).path("response").path("cloudaicompanionProject"));
        return onboarded.isEmpty() ? project : onboarded;
    }

    private JsonNode poll(ObjectNode body) throws LoginException {
        for (int i = 0; i < MAX_POLLS; i++) {
            JsonNode answer = post("/v1internal:onboardUser", body, "onboard the account");
            if (answer.path("done").asBoolean(false)) {
                return answer;
            }
            pause();
        }
        throw new LoginException("Google did not finish onboarding the account within " + MAX_POLLS
                + " s; try again in a minute");
    }

    private void ensureApiEnabled(String project) throws LoginException {
        String url = endpoints.serviceUsageUrl() + "/v1/projects/" + project + "/services/" + SERVICE;
        try {
            JsonNode state = GeminiCliLogin.call(services, authorized(UpstreamRequest.get(url)).build(),
                    "check the Cloud AI Companion API");
            if ("ENABLED".equals(state.path("state").asText())) {
                return;
            }
            GeminiCliLogin.call(services, authorized(UpstreamRequest.post(url + ":enable")).body("{}".getBytes())
                    .build(), "enable the Cloud AI Companion API");
        } catch (LoginException e) {
            throw new LoginException("Cloud AI Companion API not enabled for project " + project + " ("
                    + e.getMessage() + "); enable it at https://console.cloud.google.com/apis/library/" + SERVICE
                    + "?project=" + project + " and log in again", e);
        }
    }

    private List<String> listProjects() throws LoginException {
        JsonNode answer = GeminiCliLogin.call(services, authorized(UpstreamRequest.get(
                endpoints.resourceManagerUrl() + "/v1/projects")).build(), "list the account's projects");
        List<String> out = new ArrayList<>();
        for (JsonNode p : answer.path("projects")) {
            String state = p.path("lifecycleState").asText("ACTIVE");
            if ("ACTIVE".equals(state) && !p.path("projectId").asText("").isEmpty()) {
                out.add(p.path("projectId").asText());
            }
        }
        if (out.isEmpty()) {
            throw new LoginException("this Google account has no active Google Cloud project; create one or log in "
                    + "without --project_id ALL");
        }
        return out;
    }

    private JsonNode post(String path, ObjectNode body, String what) throws LoginException {
        return GeminiCliLogin.call(services, authorized(UpstreamRequest.post(endpoints.codeAssistUrl() + path))
                .header("User-Agent", GeminiCliProvider.userAgent("login"))
                .header("X-Goog-Api-Client", GeminiCliProvider.API_CLIENT)
                .body(Json.write(body)).build(), what);
    }

    private UpstreamRequest.Builder authorized(UpstreamRequest.Builder b) {
        return b.header("Authorization", "Bearer " + accessToken).header("Accept", "application/json");
    }

    private static ObjectNode metadataBody(String project) {
        ObjectNode body = Json.object();
        body.putObject("metadata").put("ideType", "IDE_UNSPECIFIED").put("platform", "PLATFORM_UNSPECIFIED")
                .put("pluginType", "GEMINI");
        if (project != null) {
            body.put("cloudaicompanionProject", project);
            ((ObjectNode) body.get("metadata")).put("duetProject", project);
        }
        return body;
    }

    private static String defaultTier(JsonNode loaded) {
        for (JsonNode tier : loaded.path("allowedTiers")) {
            if (tier.path("isDefault").asBoolean(false) && !tier.path("id").asText("").isEmpty()) {
                return tier.path("id").asText();
            }
        }
        return "legacy-tier";
    }

    /** A project given as a string or as {@code {"id": ...}}. */
    private static String projectOf(JsonNode node) {
        return node.isTextual() ? node.asText().trim() : node.path("id").asText("").trim();
    }

    private static void pause() throws LoginException {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginException("the login was cancelled");
        }
    }
}
