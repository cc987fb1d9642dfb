package dev.cliproxy.host.matrix;

/** What a matrix cell asks: a plain text answer, or a tool call after a tool-call round trip in the history. */
enum Scenario {
    /** "Say hello": the upstream thinks, then answers with text. */
    TEXT,
    /**
     * A conversation holding an earlier tool call and its result; the upstream answers with a short text and a new
     * tool call whose arguments it streams in pieces.
     */
    TOOL;

    static final String TOOL_NAME = "get_weather";
    static final String PREVIOUS_RESULT = "18C and sunny";
    static final String SYSTEM = "You are terse.";
}
