package dev.cliproxy.host.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the application log's files as {@code GET /logs} does: tails, time filters and cursors. */
class LogReaderTest {

    @TempDir
    Path dir;

    private LogReader reader() {
        return new LogReader(new AppLogFolder(dir), ZoneOffset.UTC);
    }

    /** A log line stamped {@code second} seconds after 2026-01-01T00:00:00 UTC. */
    private static String line(int second, String text) {
        return "[" + LocalDateTime.of(2026, 1, 1, 0, 0, 0).plusSeconds(second).toString().replace('T', ' ')
                .substring(0, 19) + ".000] INFO  [main] dev.cliproxy.Test - " + text + "\n";
    }

    private static long epoch(int second) {
        return LocalDateTime.of(2026, 1, 1, 0, 0, 0).plusSeconds(second).toEpochSecond(ZoneOffset.UTC);
    }

    private void append(String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name), String.join("", lines), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static List<String> texts(LogReader.Page page) {
        return page.lines().stream().map(l -> l.substring(l.lastIndexOf(" - ") + 3)).toList();
    }

    @Test
    void returnsTheNewestLinesAcrossArchivesAndTheActiveFile() throws IOException {
        append("main-2026-01-01.0.log", line(1, "one"), line(2, "two"));
        append("main-2026-01-01.1.log", line(3, "three"));
        append("main.log", line(4, "four"), line(5, "five"));
        Files.writeString(dir.resolve("v1-chat-completions-2026-01-01T000001-abc.log"), "a request log, not ours\n");

        LogReader.Page all = reader().read(0, 0, null);
        assertEquals(List.of("one", "two", "three", "four", "five"), texts(all));
        assertEquals(5, all.lineCount());
        assertEquals(epoch(5), all.latest());

        LogReader.Page tail = reader().read(0, 2, null);
        assertEquals(List.of("four", "five"), texts(tail));
        assertEquals(5, tail.lineCount(), "line-count counts every line of the files");
    }

    @Test
    void keepsLinesLoggedAfterACutoffWithTheirStackTraces() throws IOException {
        append("main.log", line(1, "old"), "java.lang.IllegalStateException: old\n", line(7, "new"),
                "java.lang.IllegalStateException: new\n", "\tat somewhere\n");

        LogReader.Page page = reader().read(epoch(5), 0, null);

        assertEquals(List.of(line(7, "new").strip(), "java.lang.IllegalStateException: new", "\tat somewhere"),
                page.lines());
        assertEquals(epoch(7), page.latest());
    }

    @Test
    void aCursorGivesOnlyWhatWasWrittenSinceAndLeavesAHalfWrittenLineForLater() throws IOException {
        append("main.log", line(1, "one"));
        String cursor = reader().read(0, 0, null).nextCursor();

        append("main.log", line(2, "two"), "[2026-01-01 00:00:03.000] INFO  [main] dev.cliproxy.Test - half a li");
        LogReader.Page page = reader().read(0, 0, cursor);
        assertEquals(List.of("two"), texts(page));
        assertEquals(1, page.lineCount());
        assertFalse(page.cursorReset());

        append("main.log", "ne\n");
        assertEquals(List.of("half a line"), texts(reader().read(0, 0, page.nextCursor())));
        LogReader.Page nothingNew = reader().read(0, 0, page.nextCursor());
        assertTrue(texts(reader().read(0, 0, nothingNew.nextCursor())).isEmpty());
    }

    @Test
    void aCursorFollowsTheActiveFileIntoItsArchiveAfterARotation() throws IOException {
        append("main.log", line(1, "one"));
        String cursor = reader().read(0, 0, null).nextCursor();
        append("main.log", line(2, "two"));
        Files.move(dir.resolve("main.log"), dir.resolve("main-2026-01-01.0.log"));
        append("main.log", line(3, "three"), line(4, "four"));

        LogReader.Page page = reader().read(0, 0, cursor);

        assertEquals(List.of("two", "three", "four"), texts(page));
        assertFalse(page.cursorReset());
    }

    @Test
    void aCursorOfAnEmptiedFileStartsOverFromTheTail() throws IOException {
        append("main.log", line(1, "one"), line(2, "two"));
        String cursor = reader().read(0, 0, null).nextCursor();
        Files.writeString(dir.resolve("main.log"), line(3, "three"));

        LogReader.Page page = reader().read(0, 5, cursor);

        assertTrue(page.cursorReset());
        assertEquals(List.of("three"), texts(page));
    }

    @Test
    void aCursorThatIsNotOneStartsOver() throws IOException {
        append("main.log", line(1, "one"));
        for (String junk : new String[] {"not-base64!", "eyJ2IjoxfQ", "e30"}) {
            LogReader.Page page = reader().read(0, 0, junk);
            assertTrue(page.cursorReset(), junk);
            assertEquals(List.of("one"), texts(page));
        }
    }

    @Test
    void anAnswerStopsAtItsLimitAndItsCursorContinuesFromThere() throws IOException {
        append("main.log", line(1, "one"));
        String cursor = reader().read(0, 0, null).nextCursor();
        append("main.log", line(2, "two"), line(3, "three"), line(4, "four"));

        LogReader.Page first = reader().read(0, 2, cursor);
        assertEquals(List.of("two", "three"), texts(first));
        assertEquals(List.of("four"), texts(reader().read(0, 2, first.nextCursor())));
    }

    @Test
    void noFolderYetIsAnEmptyAnswer() throws IOException {
        LogReader.Page page = new LogReader(new AppLogFolder(dir.resolve("missing")), ZoneOffset.UTC)
                .read(epoch(1), 0, null);
        assertEquals(List.of(), page.lines());
        assertEquals(epoch(1), page.latest());
        assertEquals("", page.nextCursor());
    }
}
