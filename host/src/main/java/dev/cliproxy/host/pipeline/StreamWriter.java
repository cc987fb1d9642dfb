package dev.cliproxy.host.pipeline;

import dev.cliproxy.formats.sse.SseEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Frames client stream events on the wire and flushes each one as it is written: SSE frames, or the elements of
 * a JSON array (Gemini without {@code alt=sse}). Events with empty data are never written. One per stream, used
 * only on the exchange's I/O thread (where {@link SseKeepAlive} adds its comments too); after {@link #close()}
 * nothing more is written.
 */
final class StreamWriter {

    private static final byte[] ARRAY_SEPARATOR = ",\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ClientChannel out;
    private final StreamFraming framing;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private boolean first = true;
    private boolean closed;
    private long events;
    private long lastWriteNanos = System.nanoTime();

    StreamWriter(ClientChannel out, StreamFraming framing) {
        this.out = out;
        this.framing = framing;
    }

    /** Writes one event and flushes it to the client. */
    void write(SseEvent event) throws IOException {
        if (event.data().length == 0) {
            return;
        }
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
    }

    /** Closes the framing (the JSON array's bracket). */
    void finish() throws IOException {
        if (framing != StreamFraming.JSON_ARRAY) {
            return;
        }
        send(first ? "[]".getBytes(StandardCharsets.US_ASCII) : "]".getBytes(StandardCharsets.US_ASCII));
        first = false;
    }

    /**
     * Writes an SSE keep-alive comment if nothing has been written for {@code idleNanos}, and the client has taken
     * everything before: a client that is slow to read is not idle.
     */
    void keepAlive(long idleNanos) throws IOException {
        if (framing == StreamFraming.SSE && !out.backlogged() && System.nanoTime() - lastWriteNanos >= idleNanos) {
            send(KEEP_ALIVE);
        }
    }

    /** Ends this writer: later writes and keep-alives are dropped. */
    void close() {
        closed = true;
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
