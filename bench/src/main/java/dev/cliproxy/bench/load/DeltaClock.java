package dev.cliproxy.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Reads the fake upstream's delta stamps out of a response body as it arrives (the text after {@code "content":"}
 * or {@code "text":"} is the {@link System#nanoTime()} the delta was written at) and records how long each delta took
 * to arrive, in microseconds. Patterns split across reads are handled. One instance per response.
 *
 * <p>It also tells whether each delta was flushed on its own: a delta that ends in the same socket read as the one
 * before it was batched with it somewhere on the way (by the proxy, or by TCP when the reader fell behind, which the
 * direct run shows).
 */
public final class DeltaClock implements HttpConn.BodySink {

    private final byte[] pattern;
    private final Histogram latencyMicros;
    private final LongSupplier reads;
    private long lastDeltaRead = -1;
    private long digitsRead;
    private int matched;
    private boolean inDigits;
    private long value;
    private int digits;
    /** Deltas seen. */
    public int deltas;
    /** Deltas that arrived in the same read as the delta before them. */
    public int batched;

    /** {@code reads} counts the socket reads of the connection the body arrives on ({@link HttpConn#reads()}). */
    public DeltaClock(String key, Histogram latencyMicros, LongSupplier reads) {
        this.pattern = ("\"" + key + "\":\"").getBytes(StandardCharsets.US_ASCII);
        this.latencyMicros = latencyMicros;
        this.reads = reads;
    }

    @Override
    public void data(byte[] buf, int off, int len) {
        long now = System.nanoTime();
        long read = reads.getAsLong();
        for (int i = off; i < off + len; i++) {
            byte c = buf[i];
            if (inDigits) {
                if (c >= '0' && c <= '9') {
                    value = value * 10 + (c - '0');
                    digits++;
                    digitsRead = read;
                    continue;
                }
                inDigits = false;
                if (digits > 0) {
                    deltas++;
                    latencyMicros.recordValue(Math.max(0, (now - value) / 1000));
                    if (digitsRead == lastDeltaRead) {
                        batched++;
                    }
                    lastDeltaRead = digitsRead;
                }
            }
            if (c == pattern[matched]) {
                matched++;
                if (matched == pattern.length) {
                    matched = 0;
                    inDigits = true;
                    value = 0;
                    digits = 0;
                }
            } else {
                matched = c == pattern[0] ? 1 : 0;
            }
        }
    }
}
