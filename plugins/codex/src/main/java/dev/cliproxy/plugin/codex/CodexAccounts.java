package dev.cliproxy.plugin.codex;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.config.EntryFields;
import dev.cliproxy.api.config.TokenFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * ChatGPT (Codex) OAuth accounts: one always-streaming {@link Credential.Kind#OAUTH} credential per token file of
 * type {@code codex}, calling {@code oauth.codex.api-base-url}, with the file's {@code account_id} as attribute
 * {@value #ACCOUNT_ID}.
 */
final class CodexAccounts {

    static final String ACCOUNT_ID = "account-id";

    private CodexAccounts() {
    }

    static List<Credential> read(ProviderConfig config) {
        String base = CodexOAuthConfig.of(config).apiBaseUrl();
        List<Credential> out = new ArrayList<>();
        for (ProviderConfig.AuthFile file : config.authFiles()) {
            if (CodexProvider.ID.equals(file.type())) {
                String account = EntryFields.text(file.content(), "account_id");
                if (account.isEmpty()) {
                    account = IdTokenClaims.of(EntryFields.text(file.content(), "id_token")).accountId();
                }
                out.add(TokenFiles.credential(CodexProvider.ID, file).baseUrl(base).alwaysStreams(true)
                        .attribute(ACCOUNT_ID, account).build());
            }
        }
        return out;
    }
}
