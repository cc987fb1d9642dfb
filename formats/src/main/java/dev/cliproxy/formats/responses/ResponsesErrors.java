package dev.cliproxy.formats.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.FormatException;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.openai.OpenAiErrors;
import dev.cliproxy.formats.sse.SseEvent;
import java.nio.charset.StandardCharsets;

/**
 * OpenAI error bodies and in-stream error codes. Error types follow the HTTP status
 * (400 invalid_request_error, 401 authentication_error, 403 permission_error, 404 invalid_request_error, 429
 * rate_limit_error, 5xx server_error); codes default as the Go reference does when the error carries none.
 */
final class ResponsesErrors {

    private ResponsesErrors() {
    }

    /** The code of a non-stream error body when the error has none. */
    static String defaultCode(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 403 -> "insufficient_quota";
            case 404 -> "model_not_found";
            case 429 -> "rate_limit_exceeded";
            default -> status >= 500 ? "internal_server_error" : null;
        };
    }

    /**
     * The code of an in-stream error ({@code response.failed} / {@code error}) when the error has none, chosen
     * from the codes Responses clients act on: Codex retries {@code rate_limit_exceeded} and
     * {@code server_is_overloaded}, and stops at once on {@code invalid_prompt} and {@code insufficient_quota}.
     */
    static String streamCode(ApiError e) {
        if (e.code() != null) {
            return e.code();
        }
        int status = e.status();
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 403 -> "insufficient_quota";
            case 404 -> "model_not_found";
            case 408 -> "request_timeout";
            case 429 -> "rate_limit_exceeded";
            case 503 -> "server_is_overloaded";
            default -> status >= 500 ? "server_error" : "invalid_prompt";
        };
    }

    /** The HTTP status an upstream in-stream error code stands for. */
    static int statusForCode(String code) {
        if (code == null) {
            return 500;
        }
        return switch (code) {
            case "rate_limit_exceeded", "insufficient_quota", "usage_limit_reached" -> 429;
            case "server_is_overloaded", "slow_down" -> 503;
            case "invalid_prompt", "context_length_exceeded", "invalid_request_error", "invalid_value",
                 "unsupported_value", "cyber_policy", "string_above_max_length", "message_too_big",
                 "previous_response_not_found" -> 400;
            case "invalid_api_key" -> 401;
            case "model_not_found" -> 404;
            case "request_timeout" -> 408;
            default -> 500;
        };
    }

    static byte[] encodeError(ApiError e) {
        return Json.write(OpenAiErrors.tree(e, defaultCode(e.status())));
    }

    /**
     * A stand-alone {@code response.failed} event, for a stream whose encoder state is unknown: Codex and the SDKs
     * treat it as the end of the stream and show its error. Stream encoders emit their own, fuller event.
     */
    static SseEvent encodeStreamError(ApiError e) {
        ObjectNode event = Json.object();
        event.put("type", "response.failed");
        event.put("sequence_number", 0);
        ObjectNode resp = event.putObject("response");
        resp.put("id", "resp_failed");
        resp.put("object", "response");
        resp.put("status", "failed");
        resp.putObject("error").put("code", streamCode(e)).put("message", e.message());
        resp.putNull("incomplete_details");
        resp.putArray("output");
        resp.putNull("usage");
        return new SseEvent("response.failed", Json.write(event));
    }

    /** Reads {@code {"error":{...}}}, the Codex backend's {@code {"detail":...}} or falls back to the raw text. */
    static ApiError decodeError(int status, byte[] body) {
        String raw = body == null ? "" : new String(body, StandardCharsets.UTF_8).trim();
        if (raw.isEmpty()) {
            return new ApiError(status, "upstream returned HTTP " + status, null);
        }
        try {
            JsonNode root = Json.parse(body);
            JsonNode err = root.get("error");
            if (err != null && err.isObject()) {
                String code = Json.text(err, "code");
                String message = Json.text(err, "message");
                return new ApiError(status, message != null ? message : raw,
                        code != null ? code : Json.text(err, "type"));
            }
            if (err != null && err.isTextual()) {
                return new ApiError(status, err.textValue(), Json.text(root, "code"));
            }
            JsonNode detail = root.get("detail");
            if (detail != null && detail.isTextual()) {
                return new ApiError(status, detail.textValue(), null);
            }
            if (Json.text(root, "message") != null) {
                return new ApiError(status, Json.text(root, "message"), Json.text(root, "code"));
            }
        } catch (FormatException ignored) {
            // not JSON: the raw text is the message
        }
        return new ApiError(status, raw, null);
    }
}
