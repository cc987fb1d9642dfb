package dev.cliproxy.host.upstream;

import dev.cliproxy.host.upstream.UpstreamHttpRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Watches the raw upstream exchanges of {@link OkHttpUpstreamHttp} (for request logs). Called on the thread that
 * sends the request and reads its body, i.e. the client request's virtual thread. Implementations must be fast and
 * must not throw.
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
