package dev.cliproxy.api;

/**
 * Applies a provider's quirks to a native request body just before it is sent: required fields, renamed fields,
 * values derived from client headers. Runs on the request's virtual thread; may not block on I/O.
 */
@FunctionalInterface
public interface NativeRequestAdapter {

    /** Leaves the body unchanged. */
    NativeRequestAdapter IDENTITY = (call, body) -> body;

    /**
     * Returns the body to send for {@code call}; {@code body} is the native JSON (translated or passed through),
     * already carrying the upstream model name. Return {@code body} itself when nothing changes.
     */
    byte[] adapt(UpstreamCall call, byte[] body);
}
