package dev.cliproxy.host.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production logging set up in code: stdout through a bounded background queue that never drops a line, in the
 * journal's form when stdout is the systemd journal.
 */
class LogConfiguratorTest {

    @Test
    @SuppressWarnings("unchecked")
    void rootLogsInfoToStdoutThroughAQueueThatNeverDropsLines() {
        LoggerContext context = new LoggerContext();
        LogConfigurator.install(context, false);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        AsyncAppender async = assertInstanceOf(AsyncAppender.class, root.getAppender("ASYNC"));
        assertTrue(async.isStarted());
        assertEquals(LogConfigurator.QUEUE_SIZE, async.getQueueSize());
        assertEquals(0, async.getDiscardingThreshold(), "INFO lines are never discarded when the queue fills");
        assertEquals(false, async.isNeverBlock(), "a full queue makes callers wait rather than lose lines");
        StdoutAppender console = (StdoutAppender) async.getAppender("STDOUT");
        assertEquals(LogConfigurator.PATTERN, ((PatternLayoutEncoder) console.getEncoder()).getPattern());
        assertEquals(Level.WARN, context.getLogger("org.xnio").getLevel());
        assertEquals(Level.INFO, context.getLogger("dev.cliproxy").getLevel());
        context.stop();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyQueuedLineIsWrittenWhenTheContextStops() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's SLF4J provider sets on its own context
        LogConfigurator.install(context, false);
        context.start();
        AsyncAppender async = (AsyncAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ((StdoutAppender) async.getAppender("STDOUT")).setOutputStream(stdout);
        Logger access = context.getLogger("dev.cliproxy.access");
        int lines = 2 * LogConfigurator.QUEUE_SIZE;
        for (int i = 0; i < lines; i++) {
            access.info("line {}", i);
        }
        context.stop();
        String written = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(lines, written.lines().count());
        assertTrue(written.lines().findFirst().orElseThrow().endsWith(" INFO  [" + Thread.currentThread().getName()
                + "] dev.cliproxy.access - line 0"), written.lines().findFirst().orElseThrow());
        assertTrue(written.lines().toList().getLast().endsWith(" - line " + (lines - 1)));
    }

    @Test
    void aLineIsWrittenOutAsSoonAsNothingMoreIsQueued() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        LogConfigurator.install(context, false);
        context.start();
        AsyncAppender async = (AsyncAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        // buffered as stdout is: the line must not wait in the buffer for more lines to come
        ((StdoutAppender) async.getAppender("STDOUT")).setOutputStream(new BufferedOutputStream(stdout, 64 * 1024));
        context.getLogger("dev.cliproxy.access").info("the only line");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stdout.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(stdout.toString(StandardCharsets.UTF_8).endsWith("dev.cliproxy.access - the only line\n"),
                stdout.toString(StandardCharsets.UTF_8));
        context.stop();
    }

    @Test
    @SuppressWarnings("unchecked")
    void journalLinesStartWithTheirSyslogPriorityAndCarryNoTimestamp() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        LogConfigurator.install(context, true);
        context.start();
        AsyncAppender async = (AsyncAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ((StdoutAppender) async.getAppender("STDOUT")).setOutputStream(stdout);
        Logger log = context.getLogger("dev.cliproxy.host.Main");
        log.info("ready");
        log.warn("careful");
        log.error("failed", new IllegalStateException("boom"));
        context.stop();

        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("<6>INFO  dev.cliproxy.host.Main - ready", lines.get(0));
        assertEquals("<4>WARN  dev.cliproxy.host.Main - careful", lines.get(1));
        assertEquals("<3>ERROR dev.cliproxy.host.Main - failed", lines.get(2));
        assertEquals("<3>java.lang.IllegalStateException: boom", lines.get(3));
        assertTrue(lines.stream().allMatch(l -> l.startsWith("<3>") || l.startsWith("<4>") || l.startsWith("<6>")),
                "every line of a stack trace keeps the entry's priority: " + lines);
    }

    @Test
    void journalIsOnlyTrustedWhenJournalStreamNamesStdoutItself(@TempDir Path dir) throws IOException {
        Path stdout = Files.createFile(dir.resolve("stdout"));
        String device = String.valueOf(Files.getAttribute(stdout, "unix:dev"));
        String inode = String.valueOf(Files.getAttribute(stdout, "unix:ino"));
        assertTrue(JournalStream.matches(device + ":" + inode, stdout));
        assertFalse(JournalStream.matches(device + ":" + (Long.parseLong(inode) + 1), stdout),
                "inherited from a parent whose stdout was the journal");
        assertFalse(JournalStream.matches(null, stdout));
        assertFalse(JournalStream.matches("not-a-stream", stdout));
    }
}
