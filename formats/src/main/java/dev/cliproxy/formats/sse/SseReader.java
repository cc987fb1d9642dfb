package dev.cliproxy.formats.sse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Parses a {@code text/event-stream} body into {@link SseEvent}s, one at a time, with bounded memory (one event).
 * Comments, {@code id:} and {@code retry:} lines are skipped; frames without data (and {@code data:} lines with
 * nothing in them) are dropped, because empty data frames crash client SDKs. Accepts LF, CRLF and CR line ends.
 */
public final class SseReader implements EventStream {

    private final InputStream in;
    private final Runnable onClose;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean skipLf;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Reads events from {@code in}; {@code onClose} runs once on {@link #close()} (may be {@code null}). */
    public SseReader(InputStream in, Runnable onClose) {
        this.in = in;
        this.onClose = onClose;
    }

    public SseReader(InputStream in) {
        this(in, null);
    }

    @Override
    public SseEvent next() throws IOException {
        String event = null;
        byte[] data = null;
        int dataLength = 0;
        while (true) {
            int len = readLine();
            if (len < 0) {
                return dataLength > 0 ? new SseEvent(event, Arrays.copyOf(data, dataLength)) : null;
            }
            if (len == 0) {
                if (dataLength > 0) {
                    return new SseEvent(event, Arrays.copyOf(data, dataLength));
                }
                event = null;
                continue;
            }
            if (line[0] == ':') {
                continue;
            }
            int colon = indexOf(line, len, (byte) ':');
            int nameEnd = colon < 0 ? len : colon;
            int valueStart = colon < 0 ? len : colon + 1;
            if (valueStart < len && line[valueStart] == ' ') {
                valueStart++;
            }
            int valueLength = len - valueStart;
            if (is(line, nameEnd, "data")) {
                if (valueLength == 0) {
                    continue;
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
            } else if (is(line, nameEnd, "event")) {
                event = new String(line, valueStart, valueLength, StandardCharsets.UTF_8);
            }
        }
    }

    private int readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return lineLength > 0 ? lineLength : -1;
                }
            }
            byte b = buf[pos++];
            if (skipLf) {
                skipLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                return lineLength;
            }
            if (b == '\r') {
                skipLf = true;
                return lineLength;
            }
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
        }
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

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // closing an aborted upstream body; nothing left to release
        } finally {
            if (onClose != null) {
                onClose.run();
            }
        }
    }
}
