package dev.cliproxy.host.applog;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the application log for {@code GET /logs}, over the active file and its archives, oldest line first:
 * <ul>
 *   <li>no cursor: every line (or those logged after {@code after}, Unix seconds; lines without a timestamp, such
 *       as stack traces, go with the line before), the newest {@code limit} of them, and a cursor at the end;</li>
 *   <li>a cursor from an earlier answer: the lines written since, up to {@code limit}, and a cursor after them; a
 *       cursor whose file was emptied or rotated away and cannot be found again starts over from the newest
 *       {@code limit} lines, flagged {@code cursorReset}.</li>
 * </ul>
 * An answer never holds more than {@value #MAX_LINES} lines.
 */
final class LogReader {

    static final int MAX_LINES = 10_000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * One answer.
     *
     * @param lines       the lines, oldest first
     * @param lineCount   lines in the files (without a cursor) or lines returned (with one)
     * @param latest      the newest line timestamp seen (Unix seconds), at least {@code after}
     * @param nextCursor  where to continue, or empty when there is no log file yet
     * @param cursorReset the cursor sent could not be followed
     */
    record Page(List<String> lines, long lineCount, long latest, String nextCursor, boolean cursorReset) {
    }

    private final AppLogFolder folder;
    private final ZoneId zone;

    LogReader(AppLogFolder folder, ZoneId zone) {
        this.folder = folder;
        this.zone = zone;
    }

    /** Reads a page; {@code after} 0 and {@code limit} 0 mean none, {@code cursor} may be {@code null}. */
    Page read(long after, int limit, String cursor) throws IOException {
        List<Path> files;
        try {
            files = folder.files();
        } catch (NoSuchFileException e) {
            files = List.of();
        }
        int max = limit > 0 ? Math.min(limit, MAX_LINES) : MAX_LINES;
        if (cursor == null) {
            return scan(files, after, max);
        }
        LogCursor from = LogCursor.decode(cursor);
        int index = from == null ? -1 : locate(files, from);
        if (index >= 0) {
            return follow(files, index, from, max, cursor);
        }
        Page tail = scan(files, 0, max);
        long latest = Math.max(tail.latest(), from == null ? 0 : from.latest());
        return new Page(tail.lines(), tail.lineCount(), latest, tail.nextCursor(), true);
    }

    private Page scan(List<Path> files, long after, int max) throws IOException {
        ArrayDeque<String> kept = new ArrayDeque<>();
        long[] total = {0};
        long[] latest = {0};
        boolean[] include = {after == 0};
        long end = 0;
        for (Path f : files) {
            end = LogLines.read(f, 0, (line, at) -> {
                total[0]++;
                long ts = timestamp(line);
                if (ts > 0) {
                    latest[0] = Math.max(latest[0], ts);
                    include[0] = after == 0 || ts > after;
                }
                if (include[0]) {
                    kept.addLast(line);
                    if (kept.size() > max) {
                        kept.removeFirst();
                    }
                }
                return true;
            });
        }
        long newest = Math.max(latest[0], after);
        String next = files.isEmpty() ? "" : LogCursor.at(files.getLast(), end, newest).encode();
        return new Page(List.copyOf(kept), total[0], newest, next, false);
    }

    private Page follow(List<Path> files, int index, LogCursor from, int max, String cursor) throws IOException {
        List<String> lines = new ArrayList<>();
        long[] latest = {from.latest()};
        Path endFile = null;
        long endOffset = 0;
        for (int i = index; i < files.size() && lines.size() < max; i++) {
            long start = i == index ? from.offset() : 0;
            long end = LogLines.read(files.get(i), start, (line, at) -> {
                lines.add(line);
                latest[0] = Math.max(latest[0], timestamp(line));
                return lines.size() < max;
            });
            if (end > start) {
                endFile = files.get(i);
                endOffset = end;
            }
        }
        String next = endFile == null ? cursor : LogCursor.at(endFile, endOffset, latest[0]).encode();
        return new Page(List.copyOf(lines), lines.size(), latest[0], next, false);
    }

    /** The file the cursor points into: the one of its name when it still holds what it saw, else an archive that does. */
    private static int locate(List<Path> files, LogCursor cursor) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).getFileName().toString().equals(cursor.file()) && cursor.matches(files.get(i))) {
                return i;
            }
        }
        for (int i = 0; i < files.size() && cursor.offset() > 0; i++) {
            if (!files.get(i).getFileName().toString().equals(AppLogFolder.ACTIVE) && cursor.matches(files.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The Unix time of a line starting {@code [yyyy-MM-dd HH:mm:ss}, or 0. */
    private long timestamp(String line) {
        if (line.length() < 20 || line.charAt(0) != '[' || line.charAt(5) != '-' || line.charAt(11) != ' ') {
            return 0;
        }
        try {
            return LocalDateTime.parse(line.substring(1, 20), STAMP).atZone(zone).toEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
