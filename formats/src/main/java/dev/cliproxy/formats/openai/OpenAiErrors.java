package dev.cliproxy.formats.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.JsonFields;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAI error shape {@code {"error":{"message","type","param":null,"code"}}}, the error type for each status,
 * and lenient reading of upstream error bodies (never throws).
 */
public final class OpenAiErrors {

    /** Longest raw body text kept as a message when the body is not a known error shape. */
    static final int MAX_RAW_MESSAGE = 4096;

    private OpenAiErrors() {
    }

    /** The error type for an HTTP status (shared by Chat Completions and Responses). */
    public static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    /** The code used when the error carries none. */
    static String defaultCode(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 429 -> "rate_limit_exceeded";
            default -> null;
        };
    }

    static ObjectNode tree(ApiError e) {
        return tree(e, defaultCode(e.status()));
    }

    /**
     * {@code {"error":{"message","type","param":null,"code"}}}, the code being the error's own or
     * {@code fallbackCode} (which may be {@code null}). The one error body of both OpenAI APIs.
     */
    public static ObjectNode tree(ApiError e, String fallbackCode) {
        ObjectNode root = Json.object();
        ObjectNode err = root.putObject("error");
        err.put("message", e.message());
        err.put("type", type(e.status()));
        err.putNull("param");
        String code = e.code() != null ? e.code() : fallbackCode;
        if (code == null) {
            err.putNull("code");
        } else {
            err.put("code", code);
        }
        return root;
    }

    static byte[] encode(ApiError e) {
        return Json.write(tree(e));
    }

    /** Reads an upstream error body; falls back to the (trimmed, bounded) raw text. */
    public static ApiError decode(int status, byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        try {
            JsonNode root = Json.MAPPER.readTree(bytes);
            if (root != null && root.isArray() && !root.isEmpty()) {
                root = root.get(0); // some upstreams wrap the error in an array
            }
            ApiError e = root != null && root.isObject() ? fromObject(root, status) : null;
            if (e != null) {
                return e;
            }
        } catch (Exception malformed) {
            // not JSON: use the raw text below
        }
        return new ApiError(status, rawMessage(bytes, status), null);
    }

    /** Reads {@code {"error":{...}}}, {@code {"error":"..."}} or a top-level message; {@code null} when none. */
    static ApiError fromObject(JsonNode root, int status) {
        JsonNode err = root.get("error");
        JsonNode holder = err != null && err.isObject() ? err : root;
        String message = err != null && err.isTextual() ? err.textValue() : JsonFields.lenientText(holder, "message");
        if (message == null) {
            message = JsonFields.lenientText(root, "detail");
        }
        if (message == null || message.isBlank()) {
            return null;
        }
        return new ApiError(status, message, JsonFields.lenientText(holder, "code"));
    }

    /** The status an in-stream error stands for, from a numeric code or the error type. */
    static int statusOf(JsonNode err) {
        JsonNode code = err.get("code");
        if (code != null && code.isInt() && code.intValue() >= 400 && code.intValue() <= 599) {
            return code.intValue();
        }
        String type = JsonFields.lenientText(err, "type");
        if (type == null) {
            return 500;
        }
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "rate_limit_error", "insufficient_quota" -> 429;
            case "overloaded_error", "service_unavailable_error" -> 503;
            default -> 500;
        };
    }

    private static String rawMessage(byte[] body, int status) {
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        if (raw.isEmpty()) {
            return "upstream returned HTTP " + status;
        }
        return raw.length() > MAX_RAW_MESSAGE ? raw.substring(0, MAX_RAW_MESSAGE) : raw;
    }
}
