package dev.cliproxy.host.upstream;

import dev.cliproxy.host.upstream.UpstreamHttpRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Watches the raw upstream exchanges (for request logs): {@link UpstreamClient}'s, whose answers are read on the
 * client exchange's I/O thread, and the blocking {@link OkHttpUpstreamHttp}'s. A request's
 * {@link UpstreamHttpRequest#cancellation()} tells which client exchange it belongs to. Implementations must be fast,
 * must not block and must not throw.
 */
@FunctionalInterface
public interface UpstreamObserver {

    /** Observes nothing. */
    UpstreamObserver NONE = request -> null;

    /** A request is about to be sent; returns a tap for its answer, or {@code null} to watch no further. */
    Tap sending(UpstreamHttpRequest request);

    /** Receives what one upstream answer carries, as the caller reads it. */
    interface Tap {

        /** The response headers arrived. */
        void response(int status, Map<String, List<String>> headers);

        /** The caller read these body bytes. */
        void body(byte[] bytes, int offset, int length);

        /** No answer, or the body broke. */
        void failed(IOException error);
    }
}
