package dev.cliproxy.formats.sse;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a {@code text/event-stream} body from a blocking {@link InputStream}, one event at a time, with the rules of
 * {@link SseParser}; memory is bounded by one read buffer and the events it held.
 */
public final class SseReader implements EventStream {

    private final InputStream in;
    private final Runnable onClose;
    private final byte[] buf = new byte[8192];
    private final SseParser parser = new SseParser();
    private final ArrayDeque<SseEvent> parsed = new ArrayDeque<>();
    private boolean ended;
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
        while (parsed.isEmpty() && !ended) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                ended = true;
                parser.end(parsed::add);
            } else {
                parser.feed(buf, 0, n, parsed::add);
            }
        }
        return parsed.poll();
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
