package dev.cliproxy.host.pipeline;

import dev.cliproxy.host.upstream.Cancellation;
import java.io.IOException;
import java.util.Map;
import org.xnio.XnioIoThread;

/**
 * The client side of one exchange, as the pipeline sees it: a whole JSON answer, or a stream of bytes flushed as
 * they are written. Nothing here blocks the I/O thread: bytes the client cannot take yet wait in a backlog, which
 * the pipeline watches ({@link #backlogged()}, {@link #whenDrained}) to pause the upstream. Implemented over
 * Undertow; the pipeline never touches Undertow types.
 */
public interface ClientChannel {

    /** Sends a whole answer and ends the exchange. */
    void sendJson(int status, byte[] body, Map<String, String> headers);

    /** Commits a 200 streaming answer with {@code contentType}; headers go out with the first write. */
    void startStream(String contentType, Map<String, String> headers);

    /** Writes and flushes {@code bytes} (queued while the client is slow); throws when the client has gone away. */
    void write(byte[] bytes) throws IOException;

    /** Whether a stream has been started (and no status can be sent any more). */
    boolean streamStarted();

    /** Whether written bytes still wait for the client: the source should pause until {@link #whenDrained}. */
    boolean backlogged();

    /** Runs {@code action} on the I/O thread once no written bytes wait any more (at once when none do). */
    void whenDrained(Runnable action);

    /** The XNIO I/O thread that owns the exchange: upstream answers are read, and the client written, there. */
    XnioIoThread ioThread();

    /** Fires when the client disconnects. */
    Cancellation cancellation();
}
