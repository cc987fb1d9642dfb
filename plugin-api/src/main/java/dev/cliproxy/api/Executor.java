package dev.cliproxy.api;

/**
 * Sends one native request upstream with one credential. Called on the request's virtual thread; blocking I/O is
 * expected. Use {@link HostServices#http()} for every upstream call so proxies, timeouts and cancellation apply.
 */
@FunctionalInterface
public interface Executor {

    /**
     * Performs {@code call}. A 2xx answer is returned; anything else (non-2xx status, connection failure, in-band
     * error before the first event) is thrown as an {@link UpstreamException} so that the host can classify it, cool
     * the credential down and retry elsewhere.
     *
     * @return a whole body, or an event stream the host reads to its end and then closes
     */
    UpstreamResponse execute(UpstreamCall call);
}
