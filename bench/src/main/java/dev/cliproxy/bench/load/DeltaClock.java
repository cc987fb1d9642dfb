package dev.cliproxy.bench.load;

import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;

/**
 * Reads the fake upstream's delta stamps out of a response body as it arrives (the text after {@code "content":"}
 * or {@code "text":"} is the {@link System#nanoTime()} the delta was written at) and records how long each delta took
 * to arrive, in microseconds. Patterns split across reads are handled. One instance per response.
 */
public final class DeltaClock implements HttpConn.BodySink {

    private final byte[] pattern;
    private final Histogram latencyMicros;
    private int matched;
    private boolean inDigits;
    private long value;
    private int digits;
    /** Deltas seen. */
    public int deltas;

    public DeltaClock(String key, Histogram latencyMicros) {
        this.pattern = ("\"" + key + "\":\"").getBytes(StandardCharsets.US_ASCII);
        this.latencyMicros = latencyMicros;
    }

    @Override
    public void data(byte[] buf, int off, int len) {
        long now = System.nanoTime();
        for (int i = off; i < off + len; i++) {
            byte c = buf[i];
            if (inDigits) {
                if (c >= '0' && c <= '9') {
                    value = value * 10 + (c - '0');
                    digits++;
                    continue;
                }
                inDigits = false;
                if (digits > 0) {
                    deltas++;
                    latencyMicros.recordValue(Math.max(0, (now - value) / 1000));
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
