package dev.cliproxy.formats.sse;

import java.io.Closeable;
import java.io.IOException;

/**
 * A pull-based stream of upstream events. Read by exactly one thread; {@link #close()} may be called from another
 * thread to abort a blocked read (client disconnect).
 */
public interface EventStream extends Closeable {

    /** The next event, blocking until it arrives; {@code null} at the end of the stream. */
    SseEvent next() throws IOException;

    /** Releases the upstream connection; idempotent. */
    @Override
    void close();
}
