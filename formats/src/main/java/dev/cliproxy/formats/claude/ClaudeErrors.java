package dev.cliproxy.formats.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.Json;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Claude error bodies {@code {"type":"error","error":{"type","message"}}} and the error types of HTTP statuses:
 * 400 invalid_request_error, 401 authentication_error, 402 billing_error, 403 permission_error, 404
 * not_found_error, 413 request_too_large, 429 rate_limit_error, 500 api_error, 503 and 529 overloaded_error, 504
 * timeout_error, other 5xx api_error, other 4xx invalid_request_error.
 */
final class ClaudeErrors {

    private static final Set<String> TYPES = Set.of("invalid_request_error", "authentication_error",
            "billing_error", "permission_error", "not_found_error", "request_too_large", "rate_limit_error",
            "api_error", "timeout_error", "overloaded_error");

    private ClaudeErrors() {
    }

    static String typeFor(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            case 504 -> "timeout_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /** The HTTP status an error type stands for (used for in-stream errors, which carry no status). */
    static int statusFor(String type) {
        if (type == null) {
            return 500;
        }
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    /** The error body; {@link ApiError#code()} is used as the type when it is a Claude error type. */
    static byte[] encode(ApiError error) {
        ObjectNode root = Json.object();
        root.put("type", "error");
        String type = error.code() != null && TYPES.contains(error.code()) ? error.code() : typeFor(error.status());
        ObjectNode err = root.putObject("error").put("type", type).put("message", error.message());
        if (error.code() != null && error.code().startsWith("thread_")) {
            err.putObject("details").put("error_code", error.code()); // read by the SDKs' thread recovery
        }
        return Json.write(root);
    }

    /** Reads an upstream error body; never throws, falls back to the raw text. */
    static ApiError decode(int status, byte[] body) {
        String raw = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode root = body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
            JsonNode err = root == null ? null : root.get("error");
            if (err != null && err.isObject()) {
                String message = Json.text(err, "message");
                String type = Json.text(err, "type");
                if (message != null || type != null) {
                    return new ApiError(status, message != null ? message : raw, type);
                }
            } else if (err != null && err.isTextual()) {
                return new ApiError(status, err.textValue(), null);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: keep the raw text
        }
        return new ApiError(status, raw.isEmpty() ? "upstream error (HTTP " + status + ")" : raw, null);
    }
}
