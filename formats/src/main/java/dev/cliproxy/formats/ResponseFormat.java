package dev.cliproxy.formats;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Structured output: any JSON object, or JSON matching a schema.
 *
 * @param kind   the kind of output
 * @param name   schema name (OpenAI requires one), or {@code null}
 * @param schema the JSON schema for {@link Kind#JSON_SCHEMA}, else {@code null}
 * @param strict OpenAI strict mode, or {@code null}
 */
public record ResponseFormat(Kind kind, String name, JsonNode schema, Boolean strict) {

    /** Output kinds. */
    public enum Kind { TEXT, JSON_OBJECT, JSON_SCHEMA }
}
