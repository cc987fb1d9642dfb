package dev.cliproxy.formats;

/** Input that is not valid for its wire format (malformed JSON, missing fields, unsupported content): a 400. */
public class FormatException extends RuntimeException {

    private final String code;

    public FormatException(String message) {
        super(message);
        this.code = null;
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
        this.code = null;
    }

    /**
     * A 400 with a machine code the client acts on (Claude {@code thread_not_found}, which SDKs answer by sending the
     * whole conversation again).
     */
    public FormatException(String message, String code) {
        super(message);
        this.code = code;
    }

    /** The machine code for {@link ApiError#code()}, or {@code null}. */
    public String code() {
        return code;
    }
}
