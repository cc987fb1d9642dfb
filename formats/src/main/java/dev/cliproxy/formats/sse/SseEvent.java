package dev.cliproxy.formats.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One server-sent event: an optional event name and its data payload (usually one JSON document).
 *
 * @param event the {@code event:} field, or {@code null} when the frame had none
 * @param data  the {@code data:} payload (several data lines joined with {@code \n}), never empty
 */
public record SseEvent(String event, byte[] data) {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    public SseEvent {
        Objects.requireNonNull(data, "data");
    }

    /** An unnamed event. */
    public static SseEvent data(byte[] data) {
        return new SseEvent(null, data);
    }

    /** An unnamed event with UTF-8 text data. */
    public static SseEvent data(String data) {
        return new SseEvent(null, data.getBytes(StandardCharsets.UTF_8));
    }

    /** A named event with UTF-8 text data. */
    public static SseEvent of(String event, String data) {
        return new SseEvent(event, data.getBytes(StandardCharsets.UTF_8));
    }

    /** The data as UTF-8 text. */
    public String dataText() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Whether the data is exactly {@code text}, compared without decoding. */
    public boolean dataEquals(String text) {
        if (data.length != text.length()) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            if (data[i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The wire form: {@code event: <name>\n} when named, one {@code data: } line per data line, then a blank line. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 32);
        writeTo(out);
        return out.toByteArray();
    }

    /** Writes the wire form to {@code out}. */
    public void writeTo(ByteArrayOutputStream out) {
        if (event != null) {
            out.writeBytes(EVENT);
            out.writeBytes(event.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == '\n') {
                out.writeBytes(DATA);
                out.write(data, start, i - start);
                out.write('\n');
                start = i + 1;
            }
        }
        out.write('\n');
    }

    @Override
    public String toString() {
        return "SseEvent[" + (event == null ? "" : event + " ") + dataText() + "]";
    }
}
