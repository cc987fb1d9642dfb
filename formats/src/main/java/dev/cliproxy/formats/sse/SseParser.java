package dev.cliproxy.formats.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Parses a {@code text/event-stream} body pushed to it in chunks of any size into {@link SseEvent}s, with bounded
 * memory (one line and one event). Comments, {@code id:} and {@code retry:} lines are skipped; frames without data
 * (and {@code data:} lines with nothing in them) are dropped, because empty data frames crash client SDKs. Accepts
 * LF, CRLF and CR line ends, also when a CRLF is split between two chunks. Not thread-safe: one per stream.
 */
public final class SseParser {

    private byte[] line = new byte[256];
    private int lineLength;
    private boolean skipLf;
    private String event;
    private byte[] data;
    private int dataLength;

    /** Parses {@code bytes} (consumed entirely), passing each completed event to {@code sink}. */
    public void feed(ByteBuffer bytes, Consumer<SseEvent> sink) {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (skipLf) {
                skipLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                skipLf = b == '\r';
                lineEnded(sink);
            } else {
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, line.length * 2);
                }
                line[lineLength++] = b;
            }
        }
    }

    /** Parses {@code length} bytes of {@code bytes} from {@code offset}. */
    public void feed(byte[] bytes, int offset, int length, Consumer<SseEvent> sink) {
        feed(ByteBuffer.wrap(bytes, offset, length), sink);
    }

    /** The body ended: an event whose blank line never came is still passed on. */
    public void end(Consumer<SseEvent> sink) {
        if (lineLength > 0) {
            lineEnded(sink);
        }
        dispatch(sink);
    }

    private void lineEnded(Consumer<SseEvent> sink) {
        int len = lineLength;
        lineLength = 0;
        if (len == 0) {
            dispatch(sink);
            return;
        }
        if (line[0] == ':') {
            return;
        }
        int colon = indexOf(line, len, (byte) ':');
        int nameEnd = colon < 0 ? len : colon;
        int valueStart = colon < 0 ? len : colon + 1;
        if (valueStart < len && line[valueStart] == ' ') {
            valueStart++;
        }
        int valueLength = len - valueStart;
        if (is(line, nameEnd, "data")) {
            appendData(valueStart, valueLength);
        } else if (is(line, nameEnd, "event")) {
            event = new String(line, valueStart, valueLength, StandardCharsets.UTF_8);
        }
    }

    private void appendData(int valueStart, int valueLength) {
        if (valueLength == 0) {
            return;
        }
        if (data == null) {
            data = new byte[Math.max(valueLength, 64)];
        }
        int needed = dataLength + (dataLength > 0 ? 1 : 0) + valueLength;
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
        }
        if (dataLength > 0) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(line, valueStart, data, dataLength, valueLength);
        dataLength += valueLength;
    }

    private void dispatch(Consumer<SseEvent> sink) {
        String name = event;
        event = null;
        if (dataLength == 0) {
            return;
        }
        byte[] payload = Arrays.copyOf(data, dataLength);
        dataLength = 0;
        sink.accept(new SseEvent(name, payload));
    }

    private static int indexOf(byte[] a, int len, byte b) {
        for (int i = 0; i < len; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean is(byte[] a, int len, String name) {
        if (len != name.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (a[i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
