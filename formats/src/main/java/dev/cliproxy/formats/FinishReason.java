package dev.cliproxy.formats;

/** Why the model stopped, in canonical form. */
public enum FinishReason {
    /** Natural end of turn, or a stop sequence (see {@link ChatResponse#stopSequence()}). */
    STOP,
    /** The output token limit was reached. */
    LENGTH,
    /** The model called one or more tools. */
    TOOL_CALLS,
    /** Output was withheld by a safety filter or refused. */
    CONTENT_FILTER,
    /** The upstream ended the turn with an error. */
    ERROR
}
