package dev.cliproxy.host.server;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The proxy's logging, set up in code (found by logback through {@code META-INF/services}) rather than from a
 * {@code logback.xml}: parsing XML pulled in an XML parser and Joran and cost about a quarter of the start-up time.
 * Lines go to stdout, formatted and written by one background thread: a request only queues its access line,
 * instead of formatting it and writing to stdout (a system call) on the I/O thread that serves it. The thread writes
 * whatever has queued up in one go ({@link StdoutAppender}). The queue is bounded; when it is full, callers wait (no
 * line is ever dropped). {@code Main} stops the
 * logging context at exit, which writes out what is still queued.
 *
 * <p>When stdout is the systemd journal ({@link JournalStream}), lines carry no timestamp (the journal has its own)
 * and start with their syslog priority ({@link JournalLayout}). {@code logging-to-file} moves the lines to files
 * while it is on (see {@code applog.FileLogging}).
 *
 * <p>An explicit configuration still wins: {@code -Dlogback.configurationFile=...}, or a {@code logback-test.xml}
 * on the class path (the tests).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n";
    static final String JOURNAL_PATTERN = "%-5level %logger{24} - %msg%n";
    static final int QUEUE_SIZE = 4096;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        install(context, JournalStream.isStdout());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context}'s appenders and levels; {@code journal}: stdout is the systemd journal. */
    static void install(LoggerContext context, boolean journal) {
        AsyncAppender async = new AsyncAppender();
        StdoutAppender console = new StdoutAppender(async::getNumberOfElementsInQueue);
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(journal ? journalEncoder(context) : patternEncoder(context, PATTERN));
        console.start();
        async.setContext(context);
        async.setName("ASYNC");
        async.setQueueSize(QUEUE_SIZE);
        async.setDiscardingThreshold(0);
        async.addAppender(console);
        async.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(async);
        for (String quiet : new String[] {"org.xnio", "io.undertow", "org.pf4j", "okhttp3"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        context.getLogger("dev.cliproxy").setLevel(Level.INFO);
    }

    static PatternLayoutEncoder patternEncoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static LayoutWrappingEncoder<ILoggingEvent> journalEncoder(LoggerContext context) {
        PatternLayout pattern = new PatternLayout();
        pattern.setContext(context);
        pattern.setPattern(JOURNAL_PATTERN);
        JournalLayout layout = new JournalLayout(pattern);
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }
}
