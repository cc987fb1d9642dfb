package dev.cliproxy.formats.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Gemini (Google API) error bodies: {@code {"error":{"code":429,"message":"...","status":"RESOURCE_EXHAUSTED",
 * "details":[...]}}}. Also reads the {@code google.rpc.RetryInfo} retry delay, which the Gemini provider uses for
 * cooldowns.
 */
public final class GeminiErrors {

    private GeminiErrors() {
    }

    /**
     * The {@code retryDelay} of a {@code google.rpc.RetryInfo} entry in {@code error.details}, or {@code null} when
     * the body has none or cannot be read. Accepts the JSON form ({@code "37s"}, {@code "1.5s"}) and the object form
     * ({@code {"seconds":37,"nanos":0}}). Never throws.
     */
    public static Duration retryDelay(byte[] body) {
        try {
            JsonNode root = body == null ? null : Json.MAPPER.readTree(body);
            JsonNode error = errorObject(root);
            JsonNode details = error == null ? null : error.get("details");
            if (details == null || !details.isArray()) {
                return null;
            }
            for (JsonNode d : details) {
                if (d.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
                    Duration delay = duration(d.get("retryDelay"));
                    if (delay != null) {
                        return delay;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    private static Duration duration(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            String s = v.textValue().trim();
            if (s.endsWith("s")) {
                s = s.substring(0, s.length() - 1);
            }
            BigDecimal seconds = new BigDecimal(s);
            return seconds.signum() < 0 ? null : Duration.ofNanos(seconds.movePointRight(9).longValue());
        }
        if (v.isObject()) {
            return Duration.ofSeconds(v.path("seconds").asLong(0), v.path("nanos").asLong(0));
        }
        return null;
    }

    /** The {@code error} object of a body (also inside a one-element array), or {@code null}. */
    private static JsonNode errorObject(JsonNode root) {
        if (root != null && root.isArray() && !root.isEmpty()) {
            root = root.get(0);
        }
        JsonNode error = root == null ? null : root.get("error");
        return error != null && error.isObject() ? error : null;
    }

    /** The Google status string for an HTTP status. */
    static String status(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 408, 504 -> "DEADLINE_EXCEEDED";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 502, 503 -> "UNAVAILABLE";
            default -> httpStatus >= 500 ? "INTERNAL" : httpStatus >= 400 ? "INVALID_ARGUMENT" : "UNKNOWN";
        };
    }

    /** The error object; {@link ApiError#code()} is used as status when it is a Google status ({@code A_B}). */
    static ObjectNode errorNode(ApiError error) {
        ObjectNode root = Json.object();
        ObjectNode e = root.putObject("error");
        e.put("code", error.status());
        e.put("message", error.message());
        e.put("status", isGoogleStatus(error.code()) ? error.code() : status(error.status()));
        return root;
    }

    private static boolean isGoogleStatus(String code) {
        if (code == null || code.isEmpty()) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && c != '_') {
                return false;
            }
        }
        return true;
    }

    static byte[] encode(ApiError error) {
        return Json.write(errorNode(error));
    }

    /** Reads an upstream error body; the raw text becomes the message when it is not a Google error. */
    static ApiError decode(int status, byte[] body) {
        String raw = body == null ? "" : new String(body, StandardCharsets.UTF_8).trim();
        try {
            JsonNode error = errorObject(Json.MAPPER.readTree(raw.isEmpty() ? "null" : raw));
            if (error != null) {
                return fromErrorObject(error, status);
            }
        } catch (Exception e) {
            // not JSON: the raw text is the message
        }
        return new ApiError(status, raw.isEmpty() ? "upstream error (HTTP " + status + ")" : raw, null);
    }

    /**
     * An {@link ApiError} from an {@code error} object. {@code httpStatus} wins when positive; otherwise (in-stream
     * errors) the object's numeric {@code code}, else 500.
     */
    static ApiError fromErrorObject(JsonNode error, int httpStatus) {
        int status = httpStatus;
        if (status <= 0) {
            JsonNode code = error.get("code");
            status = code != null && code.canConvertToInt() && code.intValue() >= 400 ? code.intValue() : 500;
        }
        JsonNode message = error.get("message");
        String text = message != null && message.isTextual() ? message.textValue() : error.toString();
        JsonNode googleStatus = error.get("status");
        return new ApiError(status, text, googleStatus != null && googleStatus.isTextual()
                ? googleStatus.textValue() : null);
    }
}
