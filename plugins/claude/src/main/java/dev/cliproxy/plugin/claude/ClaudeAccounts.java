package dev.cliproxy.plugin.claude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.config.TokenFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Claude Code OAuth accounts: one {@link Credential.Kind#OAUTH} credential per token file of type {@code claude},
 * calling {@code oauth.claude.api-base-url}. The cloak mode ({@code auto}, {@code always}, {@code never}) comes from
 * the file's {@code cloak_mode} (or {@code cloak.mode}); {@code disable-claude-cloak-mode: true} turns it off for all.
 */
final class ClaudeAccounts {

    /** The credential attribute holding the cloak mode. */
    static final String CLOAK_MODE = "cloak-mode";
    private static final Set<String> MODES = Set.of("auto", "always", "never");

    private ClaudeAccounts() {
    }

    static List<Credential> read(ProviderConfig config) {
        String base = ClaudeOAuthConfig.of(config).apiBaseUrl();
        boolean cloakOff = config.root().path("disable-claude-cloak-mode").asBoolean(false);
        List<Credential> out = new ArrayList<>();
        for (ProviderConfig.AuthFile file : config.authFiles()) {
            if (!ClaudeProvider.ID.equals(file.type())) {
                continue;
            }
            out.add(TokenFiles.credential(ClaudeProvider.ID, file).baseUrl(base)
                    .attribute(CLOAK_MODE, cloakOff ? "never" : mode(file.content())).build());
        }
        return out;
    }

    private static String mode(JsonNode content) {
        String mode = content.path("cloak_mode").asText(content.path("cloak").path("mode").asText("auto"))
                .trim().toLowerCase(Locale.ROOT);
        return MODES.contains(mode) ? mode : "auto";
    }
}
