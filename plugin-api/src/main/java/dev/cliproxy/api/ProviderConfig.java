package dev.cliproxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A read-only view of the live configuration given to {@link ProviderPlugin#credentials}. A plugin reads the YAML
 * sections it owns (e.g. {@code claude-api-key}) as JSON trees and the auth files whose {@code type} it recognises.
 * The trees must not be modified.
 *
 * @param root        the whole config document as a JSON tree (YAML keys as written, kebab-case)
 * @param authFiles   every {@code *.json} file of {@code auth-dir}, parsed
 * @param globalProxy the global {@code proxy-url}, or an empty string
 */
public record ProviderConfig(JsonNode root, List<AuthFile> authFiles, String globalProxy) {

    /** One parsed JSON credential file from {@code auth-dir}. */
    public record AuthFile(String name, JsonNode content) {
        /** The file's {@code type} field, or an empty string. */
        public String type() {
            return content.path("type").asText("");
        }
    }

    public ProviderConfig {
        authFiles = List.copyOf(authFiles);
        globalProxy = globalProxy == null ? "" : globalProxy;
    }

    /** The top-level section {@code key}; a missing node when absent. */
    public JsonNode section(String key) {
        return root.path(key);
    }
}
