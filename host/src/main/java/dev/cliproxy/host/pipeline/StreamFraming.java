package dev.cliproxy.host.pipeline;

/** How stream events reach the client. */
public enum StreamFraming {
    /** {@code text/event-stream}: {@code event:}/{@code data:} frames. */
    SSE("text/event-stream"),
    /** Gemini without {@code alt=sse}: one JSON array whose elements are the chunks. */
    JSON_ARRAY("application/json");

    private final String contentType;

    StreamFraming(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
