package dev.cliproxy.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.config.EntryFields;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gemini CLI token files ({@code type: gemini}) as credentials: one per (account, project), the file's
 * {@code project_id} being one id or a comma list; all of them share the file's access token. The common token-file
 * fields are honoured: {@code disabled}, {@code prefix}, {@code proxy_url}, {@code priority}, {@code weight},
 * {@code excluded_models}, {@code headers}.
 */
final class GeminiCliAccounts {

    static final String TYPE = "gemini";
    /** The attribute holding a credential's Google Cloud project. */
    static final String PROJECT = "project";

    private static final Logger LOG = LoggerFactory.getLogger(GeminiCliAccounts.class);

    private GeminiCliAccounts() {
    }

    static List<Credential> read(ProviderConfig config) {
        String base = GeminiCliEndpoints.of(config).codeAssistUrl();
        List<Credential> out = new ArrayList<>();
        for (ProviderConfig.AuthFile file : config.authFiles()) {
            if (!TYPE.equals(file.type())) {
                continue;
            }
            JsonNode c = file.content();
            String token = c.path("token").path("access_token").asText("");
            List<String> projects = projects(c.path("project_id").asText(""));
            if (token.isEmpty() || projects.isEmpty()) {
                LOG.warn("Gemini CLI token file {} skipped: it has no access token or no project_id", file.name());
                continue;
            }
            String email = c.path("email").asText("");
            for (String project : projects) {
                out.add(Credential.builder(Credential.stableId(GeminiCliProvider.ID, file.name(), project),
                                GeminiCliProvider.ID)
                        .kind(Credential.Kind.OAUTH)
                        .label((email.isEmpty() ? file.name() : email) + " / " + project)
                        .secret(token)
                        .baseUrl(base)
                        .authFile(file.name())
                        .disabled(c.path("disabled").asBoolean(false))
                        .prefix(EntryFields.text(c, "prefix"))
                        .proxyUrl(EntryFields.text(c, "proxy_url"))
                        .priority(c.path("priority").asInt(0))
                        .weight(Math.max(1, c.path("weight").asInt(1)))
                        .excludedModels(EntryFields.strings(c.path("excluded_models")))
                        .headers(EntryFields.headers(c.path("headers")))
                        .attribute(PROJECT, project)
                        .build());
            }
        }
        return out;
    }

    /** The projects of a {@code project_id} value: one id or a comma list. */
    static List<String> projects(String projectId) {
        List<String> out = new ArrayList<>();
        for (String p : projectId.split(",")) {
            String id = p.trim();
            if (!id.isEmpty() && !out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
