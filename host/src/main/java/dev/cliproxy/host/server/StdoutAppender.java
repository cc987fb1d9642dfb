package dev.cliproxy.host.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.IntSupplier;

/**
 * Writes log lines to stdout in batches: lines are buffered and written out (one system call) whenever the
 * {@code AsyncAppender} that feeds this appender has nothing more queued. Under load, one write carries many access
 * lines instead of one each; when the proxy is quiet, every line still goes out at once.
 */
final class StdoutAppender extends OutputStreamAppender<ILoggingEvent> {

    private final IntSupplier queued;

    /** An appender that flushes once {@code queued} (the feeding queue's length) is zero. */
    StdoutAppender(IntSupplier queued) {
        this.queued = queued;
    }

    @Override
    public void start() {
        setOutputStream(new BufferedOutputStream(new Unclosed(System.out), 64 * 1024));
        setImmediateFlush(false);
        super.start();
    }

    @Override
    protected void subAppend(ILoggingEvent event) {
        super.subAppend(event);
        if (queued.getAsInt() == 0) {
            try {
                getOutputStream().flush();
            } catch (IOException e) {
                addError("cannot write to stdout", e);
            }
        }
    }

    /** Stdout as this appender writes it: stopping the appender flushes it but never closes the process's stdout. */
    private static final class Unclosed extends OutputStream {
        private final OutputStream out;

        Unclosed(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
