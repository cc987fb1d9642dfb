package dev.cliproxy.formats;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reads of request fields for the codecs' decoders. The strict readers give {@code null} for an absent or JSON
 * {@code null} field and a {@link FormatException} naming the field for a value of the wrong type, so no
 * ClassCastException or silent coercion escapes on malformed client input. The lenient readers are for upstream
 * data and never throw.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** The value of {@code field}, or {@code null} when absent or JSON null. */
    public static JsonNode value(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        return v == null || v.isNull() ? null : v;
    }

    /** Whether {@code field} is absent or JSON null. */
    public static boolean absent(JsonNode obj, String field) {
        return value(obj, field) == null;
    }

    /** The string at {@code field}, or {@code null}; {@code where} names the enclosing object in errors. */
    public static String text(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(where, field, "a string");
        }
        return v.textValue();
    }

    /** The string at {@code field}; absent is a {@link FormatException}. */
    public static String requiredText(JsonNode obj, String field, String where) {
        String s = text(obj, field, where);
        if (s == null) {
            throw missing(where, field);
        }
        return s;
    }

    /** The number at {@code field}, or {@code null}. */
    public static Double number(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(where, field, "a number");
        }
        return v.doubleValue();
    }

    /** The integer (int range) at {@code field}, or {@code null}. */
    public static Integer integer(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrongType(where, field, "an integer");
        }
        return v.intValue();
    }

    /** The integer (long range) at {@code field}, or {@code null}. */
    public static Long longInteger(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(where, field, "an integer");
        }
        return v.longValue();
    }

    /** The boolean at {@code field}, or {@code null}. */
    public static Boolean bool(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(where, field, "a boolean");
        }
        return v.booleanValue();
    }

    /** The object at {@code field}, or {@code null}. */
    public static JsonNode object(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v != null && !v.isObject()) {
            throw wrongType(where, field, "an object");
        }
        return v;
    }

    /** The object at {@code field}; absent is a {@link FormatException}. */
    public static JsonNode requiredObject(JsonNode obj, String field, String where) {
        JsonNode v = object(obj, field, where);
        if (v == null) {
            throw missing(where, field);
        }
        return v;
    }

    /** The array at {@code field}, or {@code null}. */
    public static JsonNode array(JsonNode obj, String field, String where) {
        JsonNode v = value(obj, field);
        if (v != null && !v.isArray()) {
            throw wrongType(where, field, "an array");
        }
        return v;
    }

    /** The text of {@code node.field} when it is a string, else {@code null}; never throws (for upstream data). */
    public static String lenientText(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** The long of {@code node.field} when it is a number, else 0; never throws (for upstream data). */
    public static long lenientLong(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.longValue() : 0L;
    }

    /** The error for a field of the wrong type: "{@code where.field} must be {@code expected}". */
    public static FormatException wrongType(String where, String field, String expected) {
        return new FormatException(path(where, field) + " must be " + expected);
    }

    private static FormatException missing(String where, String field) {
        return new FormatException(path(where, field) + " is required");
    }

    private static String path(String where, String field) {
        return where == null || where.isEmpty() ? field : where + "." + field;
    }
}
