package dev.cliproxy.host.pipeline;

import dev.cliproxy.formats.sse.SseEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Frames client stream events on the wire and flushes each one as it is written: SSE frames, or the elements of
 * a JSON array (Gemini without {@code alt=sse}). Events with empty data are never written. One per stream. Writes
 * are serialised by a lock, so an {@link SseKeepAlive} thread may add comments between events; after
 * {@link #close()} nothing more is written.
 */
final class StreamWriter {

    private static final byte[] ARRAY_SEPARATOR = ",\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ClientChannel out;
    private final StreamFraming framing;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private final ReentrantLock lock = new ReentrantLock();
    private boolean first = true;
    private boolean closed;
    private long events;
    private volatile long lastWriteNanos = System.nanoTime();

    StreamWriter(ClientChannel out, StreamFraming framing) {
        this.out = out;
        this.framing = framing;
    }

    /** Writes one event and flushes it to the client. */
    void write(SseEvent event) throws IOException {
        if (event.data().length == 0) {
            return;
        }
        lock.lock();
        try {
            buffer.reset();
            if (framing == StreamFraming.SSE) {
                event.writeTo(buffer);
            } else {
                if (event.dataEquals("[DONE]")) {
                    return;
                }
                buffer.write(first ? '[' : ARRAY_SEPARATOR[0]);
                if (!first) {
                    buffer.write(ARRAY_SEPARATOR, 1, 2);
                }
                buffer.writeBytes(event.data());
            }
            first = false;
            events++;
            send(buffer.toByteArray());
        } finally {
            lock.unlock();
        }
    }

    /** Closes the framing (the JSON array's bracket). */
    void finish() throws IOException {
        if (framing != StreamFraming.JSON_ARRAY) {
            return;
        }
        lock.lock();
        try {
            send(first ? "[]".getBytes(StandardCharsets.US_ASCII) : "]".getBytes(StandardCharsets.US_ASCII));
            first = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes an SSE keep-alive comment if nothing has been written for {@code idleNanos}. Skips (rather than waits)
     * while another write is in progress: a blocked writer is not idle.
     */
    void keepAlive(long idleNanos) throws IOException {
        if (framing != StreamFraming.SSE || !lock.tryLock()) {
            return;
        }
        try {
            if (System.nanoTime() - lastWriteNanos >= idleNanos) {
                send(KEEP_ALIVE);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends this writer: later writes and keep-alives are dropped. */
    void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private void send(byte[] bytes) throws IOException {
        if (!closed) {
            out.write(bytes);
            lastWriteNanos = System.nanoTime();
        }
    }

    /** How many events were written. */
    long events() {
        return events;
    }
}
