package dev.cliproxy.api;

/** What an {@link UpstreamCall} asks the upstream to do. */
public enum Operation {
    /** Generate a completion (streaming or not). */
    GENERATE,
    /** Count the input tokens of a request; the body is a native generate request. */
    COUNT_TOKENS,
    /**
     * Compact a Responses conversation ({@code POST /responses/compact}): the body is the client's Responses request,
     * passed through untranslated with the upstream model, and the whole answer is relayed as it is. Only providers
     * that say so in {@link ProviderPlugin#supports} are asked.
     */
    COMPACT
}
