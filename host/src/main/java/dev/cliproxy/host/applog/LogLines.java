package dev.cliproxy.host.applog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the complete lines of a log file that is still being written: a last line without its line break is left
 * for the next read. Lines longer than {@value #MAX_LINE_BYTES} bytes are cut there.
 */
final class LogLines {

    static final int MAX_LINE_BYTES = 64 * 1024;

    /** Receives each line and the file offset just after it; answers whether to go on. */
    interface Sink {
        boolean line(String text, long end);
    }

    private LogLines() {
    }

    /** Feeds the lines of {@code file} from {@code offset} to {@code sink}; returns the offset after the last one. */
    static long read(Path file, long offset, Sink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            if (in.skip(offset) < offset) {
                return offset;
            }
            byte[] chunk = new byte[64 * 1024];
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long pos = offset;
            long end = offset;
            for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    append(line, chunk, start, i - start);
                    start = i + 1;
                    end = pos + start;
                    if (!sink.line(text(line), end)) {
                        return end;
                    }
                    line.reset();
                }
                append(line, chunk, start, n - start);
                pos += n;
            }
            return end;
        }
    }

    private static void append(ByteArrayOutputStream line, byte[] chunk, int from, int length) {
        line.write(chunk, from, Math.max(0, Math.min(length, MAX_LINE_BYTES - line.size())));
    }

    private static String text(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
