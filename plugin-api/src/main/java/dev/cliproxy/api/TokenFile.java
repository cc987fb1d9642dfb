package dev.cliproxy.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One token file of {@code auth-dir}: its file name (e.g. {@code claude-user@example.com.json}) and its JSON content
 * with the provider's field names ({@code type}, {@code access_token}, {@code refresh_token}, {@code expired},
 * {@code email}... plus the user's {@code disabled}, {@code prefix}, {@code proxy_url}...). The content is a copy:
 * changing it changes nothing on disk.
 */
public final class TokenFile {

    private final String name;
    private final ObjectNode content;

    private TokenFile(String name, ObjectNode content) {
        this.name = Objects.requireNonNull(name, "name");
        this.content = Objects.requireNonNull(content, "content").deepCopy();
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")
                || !name.endsWith(".json")) {
            throw new IllegalArgumentException("not a token file name: " + name);
        }
    }

    /** A token file {@code name} (a plain {@code *.json} name, no folders) with {@code content}. */
    public static TokenFile of(String name, ObjectNode content) {
        return new TokenFile(name, content);
    }

    /** The file name within {@code auth-dir}. */
    public String name() {
        return name;
    }

    /** A copy of the JSON content. */
    public ObjectNode content() {
        return content.deepCopy();
    }

    /** A text field of the content, or {@code ""}. */
    public String text(String field) {
        return content.path(field).asText("");
    }

    /** The same file with other content. */
    public TokenFile withContent(ObjectNode newContent) {
        return new TokenFile(name, newContent);
    }

    /** Never shows the content: it holds tokens. */
    @Override
    public String toString() {
        return "TokenFile[" + name + "]";
    }
}
