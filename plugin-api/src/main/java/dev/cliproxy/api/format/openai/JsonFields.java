package dev.cliproxy.api.format.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.format.FormatException;

/**
 * Typed reads of optional request fields: absent or JSON {@code null} gives {@code null}, a value of the wrong type
 * is a {@link FormatException} naming the field, so no ClassCastException or silent coercion escapes a decoder.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** The value of {@code field}, or {@code null} when absent or JSON null. */
    static JsonNode value(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        return v == null || v.isNull() ? null : v;
    }

    static String text(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(where, field, "a string");
        }
        return v.textValue();
    }

    static String requiredText(JsonNode obj, String field, String where) {
        String s = text(obj, field, where);
        if (s == null) {
            throw new FormatException(where + "." + field + " is required");
        }
        return s;
    }

    static Double number(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(where, field, "a number");
        }
        return v.doubleValue();
    }

    static Integer integer(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrongType(where, field, "an integer");
        }
        return v.intValue();
    }

    static Long longInteger(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(where, field, "an integer");
        }
        return v.longValue();
    }

    static Boolean bool(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(where, field, "a boolean");
        }
        return v.booleanValue();
    }

    static JsonNode object(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v != null && !v.isObject()) {
            throw wrongType(where, field, "an object");
        }
        return v;
    }

    static JsonNode array(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v != null && !v.isArray()) {
            throw wrongType(where, field, "an array");
        }
        return v;
    }

    /** The text of {@code node.field} when it is a string, else {@code null}; never throws (for upstream data). */
    static String lenientText(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** The long of {@code node.field} when it is a number, else 0; never throws (for upstream data). */
    static long lenientLong(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.longValue() : 0L;
    }

    private static FormatException wrongType(String where, String field, String expected) {
        String path = where == null || where.isEmpty() ? field : where + "." + field;
        return new FormatException(path + " must be " + expected);
    }
}
