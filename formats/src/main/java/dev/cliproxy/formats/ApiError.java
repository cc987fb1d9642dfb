package dev.cliproxy.formats;

/**
 * An error to show a client, independent of format. Each {@link Codec} renders it in its own error shape and picks
 * the format's error type from the status.
 *
 * @param status  HTTP status
 * @param message human-readable message (no secrets)
 * @param code    a machine code when one is known ({@code model_not_found}, {@code invalid_api_key}...), or
 *                {@code null}
 */
public record ApiError(int status, String message, String code) {

    public ApiError {
        message = message == null ? "" : message;
    }

    public static ApiError of(int status, String message) {
        return new ApiError(status, message, null);
    }
}
