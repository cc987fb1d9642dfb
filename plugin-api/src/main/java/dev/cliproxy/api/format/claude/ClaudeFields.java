package dev.cliproxy.api.format.claude;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.format.FormatException;

/** Typed reads of optional and required request fields; wrong types become {@link FormatException}s. */
final class ClaudeFields {

    private ClaudeFields() {
    }

    /** The field's node, or {@code null} when absent or JSON null. */
    static JsonNode get(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    static String optText(JsonNode node, String field, String path) {
        JsonNode v = get(node, field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new FormatException(path + "." + field + ": expected a string");
        }
        return v.textValue();
    }

    static String reqText(JsonNode node, String field, String path) {
        String v = optText(node, field, path);
        if (v == null) {
            throw new FormatException(path + "." + field + ": required string is missing");
        }
        return v;
    }

    static Integer optInt(JsonNode node, String field, String path) {
        JsonNode v = get(node, field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new FormatException(path + "." + field + ": expected an integer");
        }
        return v.intValue();
    }

    static Double optNumber(JsonNode node, String field, String path) {
        JsonNode v = get(node, field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw new FormatException(path + "." + field + ": expected a number");
        }
        return v.doubleValue();
    }

    static boolean optBool(JsonNode node, String field, String path) {
        JsonNode v = get(node, field);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new FormatException(path + "." + field + ": expected a boolean");
        }
        return v.booleanValue();
    }

    static JsonNode optObject(JsonNode node, String field, String path) {
        JsonNode v = get(node, field);
        if (v != null && !v.isObject()) {
            throw new FormatException(path + "." + field + ": expected an object");
        }
        return v;
    }

    static JsonNode optArray(JsonNode node, String field, String path) {
        JsonNode v = get(node, field);
        if (v != null && !v.isArray()) {
            throw new FormatException(path + "." + field + ": expected an array");
        }
        return v;
    }

    static JsonNode reqObject(JsonNode node, String field, String path) {
        JsonNode v = optObject(node, field, path);
        if (v == null) {
            throw new FormatException(path + "." + field + ": required object is missing");
        }
        return v;
    }

    /** The numeric field as a long, 0 when absent or not a number (for usage counters; never throws). */
    static long count(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? Math.max(0, v.longValue()) : 0;
    }

    /** Whether the numeric field is present. */
    static boolean hasCount(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber();
    }
}
