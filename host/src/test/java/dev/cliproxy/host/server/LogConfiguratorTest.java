package dev.cliproxy.host.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The production logging set up in code: stdout through a bounded background queue that never drops a line. */
class LogConfiguratorTest {

    @Test
    @SuppressWarnings("unchecked")
    void rootLogsInfoToStdoutThroughAQueueThatNeverDropsLines() {
        LoggerContext context = new LoggerContext();
        LogConfigurator.install(context);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        AsyncAppender async = assertInstanceOf(AsyncAppender.class, root.getAppender("ASYNC"));
        assertTrue(async.isStarted());
        assertEquals(LogConfigurator.QUEUE_SIZE, async.getQueueSize());
        assertEquals(0, async.getDiscardingThreshold(), "INFO lines are never discarded when the queue fills");
        assertEquals(false, async.isNeverBlock(), "a full queue makes callers wait rather than lose lines");
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) async.getAppender("STDOUT");
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
        LogConfigurator.install(context);
        context.start();
        AsyncAppender async = (AsyncAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ((ConsoleAppender<ILoggingEvent>) async.getAppender("STDOUT")).setOutputStream(stdout);
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
}
