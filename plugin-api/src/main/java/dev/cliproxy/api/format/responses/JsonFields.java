package dev.cliproxy.api.format.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.format.FormatException;

/**
 * Strict readers for optional request fields: absent or JSON {@code null} reads as {@code null}, a value of the
 * wrong type is a {@link FormatException} naming the field. Used by the request decoders so that no
 * ClassCastException or NullPointerException can escape on malformed client input.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** Whether {@code node.field} is absent or JSON null. */
    static boolean absent(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull();
    }

    static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(where, field, "a string");
        }
        return v.textValue();
    }

    static String requiredText(JsonNode node, String field, String where) {
        String s = text(node, field, where);
        if (s == null) {
            throw new FormatException(where + "." + field + " is required");
        }
        return s;
    }

    static Double decimal(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(where, field, "a number");
        }
        return v.doubleValue();
    }

    static Integer integer(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrongType(where, field, "an integer");
        }
        return v.intValue();
    }

    static Boolean bool(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(where, field, "a boolean");
        }
        return v.booleanValue();
    }

    /** The object at {@code node.field}, or {@code null} when absent. */
    static JsonNode object(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(where, field, "an object");
        }
        return v;
    }

    /** The array at {@code node.field}, or {@code null} when absent. */
    static JsonNode array(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(where, field, "an array");
        }
        return v;
    }

    static FormatException wrongType(String where, String field, String expected) {
        return new FormatException(where + "." + field + " must be " + expected);
    }
}
