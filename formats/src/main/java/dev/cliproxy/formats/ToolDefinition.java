package dev.cliproxy.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A function tool offered to the model.
 *
 * @param name        function name
 * @param description what it does (may be empty)
 * @param parameters  JSON schema of the arguments (an object schema), or {@code null} for none
 * @param strict      OpenAI strict schema adherence; {@code null} when unspecified
 */
public record ToolDefinition(String name, String description, JsonNode parameters, Boolean strict) {
    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }
}
