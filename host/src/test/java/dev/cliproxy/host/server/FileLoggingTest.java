package dev.cliproxy.host.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.cliproxy.host.applog.AppLogSettings;
import dev.cliproxy.host.metrics.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logging-to-file} switching the production logging between stdout and rotating files. */
class FileLoggingTest {

    @TempDir
    Path dir;

    private LoggerContext context;
    private ByteArrayOutputStream stdout;
    private Logger log;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void production() {
        context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        LogConfigurator.install(context, false);
        context.start();
        stdout = new ByteArrayOutputStream();
        AsyncAppender async = (AsyncAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
        ((StdoutAppender) async.getAppender("STDOUT")).setOutputStream(stdout);
        log = context.getLogger("dev.cliproxy.Test");
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private String file(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "";
        }
    }

    private List<Path> files() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void linesGoToMainLogWhileItIsOnAndBackToStdoutAfterwards() {
        FileLogging files = new FileLogging(context);
        files.apply(new AppLogSettings(true, dir, 0));
        log.info("to the file");
        files.apply(new AppLogSettings(false, dir, 0));
        log.info("to stdout again");
        context.stop();

        String main = file("main.log");
        assertTrue(main.matches("(?s)\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}] INFO  \\[[^]]+] "
                + "dev\\.cliproxy\\.Test - to the file\n.*"), main);
        assertFalse(main.contains("to stdout again"), main);
        String out = stdout.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("to the file"), out);
        assertTrue(out.contains("to stdout again"), out);
    }

    @Test
    void archivesStayUnderTheSizeCap() {
        long cap = 1024 * 1024;
        FileLogging files = new FileLogging(context);
        files.apply(new AppLogSettings(true, dir, cap));
        String kilobyte = "x".repeat(1000);
        for (int i = 0; i < 4000; i++) {
            log.info("{} {}", i, kilobyte);
        }
        files.close();

        long archived = Await.until(() -> files().stream().filter(p -> !p.endsWith("main.log"))
                .mapToLong(FileLoggingTest::size).sum(), total -> total <= cap);
        assertTrue(archived <= cap, "archives " + archived + " bytes, cap " + cap + ": " + files());
        assertTrue(size(dir.resolve("main.log")) <= cap / 2 + 2048,
                "4 MB were written, the active file rotates at half the cap: " + files());
        assertTrue(file("main.log").contains(" 3999 "), "the newest lines are kept");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void aFolderThatCannotBeCreatedKeepsStdout() throws IOException {
        Path notADir = Files.writeString(dir.resolve("file"), "");
        FileLogging files = new FileLogging(context);
        files.apply(new AppLogSettings(true, notADir.resolve("logs"), 0));
        log.info("still here");
        context.stop();
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("still here"));
        assertEquals(List.of(notADir), files());
    }
}
