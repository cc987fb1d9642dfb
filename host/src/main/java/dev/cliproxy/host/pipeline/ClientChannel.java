package dev.cliproxy.host.pipeline;

import dev.cliproxy.host.upstream.Cancellation;
import java.io.IOException;
import java.util.Map;

/**
 * The client side of one exchange, as the pipeline sees it: a whole JSON answer, or a stream of bytes flushed as
 * they are written. Implemented over Undertow; the pipeline never touches Undertow types.
 */
public interface ClientChannel {

    /** Sends a whole answer and ends the exchange. */
    void sendJson(int status, byte[] body, Map<String, String> headers);

    /** Commits a 200 streaming answer with {@code contentType}; headers go out with the first write. */
    void startStream(String contentType, Map<String, String> headers);

    /** Writes and flushes {@code bytes}; throws when the client has gone away. */
    void write(byte[] bytes) throws IOException;

    /** Whether a stream has been started (and no status can be sent any more). */
    boolean streamStarted();

    /** Fires when the client disconnects. */
    Cancellation cancellation();
}
