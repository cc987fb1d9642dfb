package dev.cliproxy.host.management;

/**
 * Ends a management request with {@code status} and the body {@code {"error": message}}. Handlers mounted with
 * {@link ManagementRoutes#add} may throw it too.
 */
public final class ManagementException extends RuntimeException {

    private final int status;

    public ManagementException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** 400 {@code invalid body}. */
    static ManagementException invalidBody() {
        return new ManagementException(400, "invalid body");
    }

    /** 404 {@code item not found}. */
    static ManagementException itemNotFound() {
        return new ManagementException(404, "item not found");
    }

    /** 404 {@code file not found}. */
    static ManagementException fileNotFound() {
        return new ManagementException(404, "file not found");
    }

    /** 400 with {@code message}. */
    static ManagementException badRequest(String message) {
        return new ManagementException(400, message);
    }
}
