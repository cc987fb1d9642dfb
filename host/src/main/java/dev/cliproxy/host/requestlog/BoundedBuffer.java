package dev.cliproxy.host.requestlog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Bytes up to a cap; what does not fit is counted, not kept. Single-threaded. */
final class BoundedBuffer {

    /** The most bytes kept of one body. */
    static final int MAX_BYTES = 1024 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private long dropped;

    void add(byte[] b, int off, int len) {
        int room = MAX_BYTES - bytes.size();
        int keep = Math.max(0, Math.min(room, len));
        bytes.write(b, off, keep);
        dropped += len - keep;
    }

    void add(byte[] b) {
        add(b, 0, b.length);
    }

    boolean isEmpty() {
        return bytes.size() == 0 && dropped == 0;
    }

    /** The kept bytes as text, with a note of what was cut. */
    String text() {
        String s = bytes.toString(StandardCharsets.UTF_8);
        return dropped == 0 ? s : s + "\n[... " + dropped + " more bytes not kept]";
    }
}
