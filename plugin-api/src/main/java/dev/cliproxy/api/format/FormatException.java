package dev.cliproxy.api.format;

/** Input that is not valid for its wire format (malformed JSON, missing fields, unsupported content): a 400. */
public class FormatException extends RuntimeException {

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
