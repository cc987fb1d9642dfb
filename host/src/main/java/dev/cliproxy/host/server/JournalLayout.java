package dev.cliproxy.host.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;

/**
 * Lines for the systemd journal: each one starts with its syslog priority ({@code <3>} error, {@code <4>} warning,
 * {@code <6>} info, {@code <7>} debug), which journald strips and keeps as the entry's priority, so
 * {@code journalctl -p warning} works; continuation lines (stack traces) carry it too. The rest of the line comes
 * from {@code inner}, without a timestamp: the journal keeps its own.
 */
final class JournalLayout extends LayoutBase<ILoggingEvent> {

    private final Layout<ILoggingEvent> inner;

    JournalLayout(Layout<ILoggingEvent> inner) {
        this.inner = inner;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String prefix = "<" + priority(event.getLevel()) + ">";
        String text = inner.doLayout(event);
        String last = text.endsWith("\n") ? "\n" : "";
        return prefix + text.substring(0, text.length() - last.length()).replace("\n", "\n" + prefix) + last;
    }

    static int priority(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 3;
            case Level.WARN_INT -> 4;
            case Level.INFO_INT -> 6;
            default -> 7;
        };
    }

    @Override
    public void start() {
        inner.start();
        super.start();
    }
}
