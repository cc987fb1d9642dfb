package dev.cliproxy.host.pipeline;

import dev.cliproxy.api.sse.SseEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Frames client stream events on the wire and flushes each one as it is written: SSE frames, or the elements of
 * a JSON array (Gemini without {@code alt=sse}). Events with empty data are never written. One per stream.
 */
final class StreamWriter {

    private static final byte[] ARRAY_SEPARATOR = ",\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ClientChannel out;
    private final StreamFraming framing;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private boolean first = true;
    private long events;

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
        out.write(buffer.toByteArray());
    }

    /** Closes the framing (the JSON array's bracket). */
    void finish() throws IOException {
        if (framing == StreamFraming.JSON_ARRAY) {
            out.write(first ? "[]".getBytes(StandardCharsets.US_ASCII) : "]".getBytes(StandardCharsets.US_ASCII));
            first = false;
        }
    }

    /** How many events were written. */
    long events() {
        return events;
    }
}
