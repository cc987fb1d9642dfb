package dev.cliproxy.api;

/** What an {@link UpstreamCall} asks the upstream to do. */
public enum Operation {
    /** Generate a completion (streaming or not). */
    GENERATE,
    /** Count the input tokens of a request; the body is a native generate request. */
    COUNT_TOKENS
}
