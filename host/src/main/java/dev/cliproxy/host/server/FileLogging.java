package dev.cliproxy.host.server;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.cliproxy.host.applog.AppLogFolder;
import dev.cliproxy.host.applog.AppLogSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;

/**
 * {@code logging-to-file}: while it is on, the application log goes to {@value AppLogFolder#ACTIVE} in the logs
 * folder instead of stdout, rotated at {@value #MAX_FILE_MB} MB (or a little under half the size cap when that is
 * smaller), the archives capped by {@code logs-max-total-size-mb} (oldest deleted first) and kept for
 * {@value #MAX_HISTORY_DAYS} days at most. Follows the live config; switching it off (or closing) puts the stdout
 * appenders back. A folder that cannot be written is logged and stdout stays.
 */
final class FileLogging implements AutoCloseable {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(FileLogging.class);
    static final long MAX_FILE_MB = 10;
    /** Days of archives kept (logback applies the size cap only over this window). */
    static final int MAX_HISTORY_DAYS = 366;
    /** How long switching back to stdout waits for the queued lines to reach the file (logback's default: 1 s). */
    private static final int FLUSH_MILLIS = 10_000;
    private static final AppLogSettings OFF = new AppLogSettings(false, null, 0);

    private final LoggerContext context;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Appender<ILoggingEvent>> parked = new ArrayList<>();
    private AppLogSettings current = OFF;
    private AsyncAppender file;

    /** Switches the appenders of {@code context}'s root logger; {@code null}: logback is not the backend, no-op. */
    FileLogging(LoggerContext context) {
        this.context = context;
    }

    /** For the logging backend of this process. */
    static FileLogging ofThisProcess() {
        return new FileLogging(LoggerFactory.getILoggerFactory() instanceof LoggerContext c ? c : null);
    }

    /** Logs to files or to stdout as {@code settings} say; nothing happens when they did not change. */
    void apply(AppLogSettings settings) {
        AppLogSettings wanted = settings.toFile() ? settings : OFF;
        lock.lock();
        try {
            if (context == null || wanted.equals(current)) {
                return;
            }
            if (file != null) {
                stopFile();
            }
            if (wanted.toFile()) {
                startFile(wanted);
            }
        } finally {
            lock.unlock();
        }
    }

    private void startFile(AppLogSettings s) {
        try {
            Files.createDirectories(s.dir());
        } catch (IOException e) {
            LOG.error("logging-to-file: cannot create {} ({}); logging to stdout", s.dir(), e.toString());
            current = OFF;
            return;
        }
        long maxFile = MAX_FILE_MB * 1024 * 1024;
        if (s.maxTotalBytes() > 0) {
            // a little under half: logback checks the size between writes, so a file ends somewhat past it, and two
            // archives must still fit under the cap
            maxFile = Math.min(maxFile, Math.max(1, s.maxTotalBytes() * 7 / 16));
        }
        LOG.info("Logging to {} from now on (rotated at {} KB{})", s.dir().resolve(AppLogFolder.ACTIVE),
                maxFile / 1024, s.maxTotalBytes() > 0 ? ", archives capped at " + s.maxTotalBytes() / 1024 / 1024
                        + " MB" : "");
        RollingFileAppender<ILoggingEvent> rolling = new RollingFileAppender<>();
        rolling.setContext(context);
        rolling.setName("FILE");
        rolling.setFile(s.dir().resolve(AppLogFolder.ACTIVE).toString());
        rolling.setEncoder(LogConfigurator.patternEncoder(context, AppLogFolder.LINE_PATTERN));
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(rolling);
        policy.setFileNamePattern(s.dir().resolve(AppLogFolder.ARCHIVE_PATTERN).toString());
        policy.setMaxFileSize(new FileSize(maxFile));
        policy.setMaxHistory(MAX_HISTORY_DAYS);
        if (s.maxTotalBytes() > 0) {
            policy.setTotalSizeCap(new FileSize(s.maxTotalBytes()));
        }
        policy.start();
        rolling.setRollingPolicy(policy);
        rolling.start();
        if (!rolling.isStarted()) {
            LOG.error("logging-to-file: cannot write to {}; logging to stdout", s.dir());
            current = OFF;
            return;
        }
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("ASYNC_FILE");
        async.setQueueSize(LogConfigurator.QUEUE_SIZE);
        async.setDiscardingThreshold(0);
        async.setMaxFlushTime(FLUSH_MILLIS);
        async.addAppender(rolling);
        async.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            parked.add(it.next());
        }
        root.addAppender(async);
        parked.forEach(root::detachAppender);
        file = async;
        current = s;
    }

    private void stopFile() {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        parked.forEach(root::addAppender);
        parked.clear();
        root.detachAppender(file);
        file.stop();
        file = null;
        current = OFF;
        LOG.info("Logging to stdout again");
    }

    /** Puts the stdout appenders back. */
    @Override
    public void close() {
        apply(OFF);
    }
}
