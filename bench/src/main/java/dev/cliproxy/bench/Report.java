package dev.cliproxy.bench;

import java.util.Locale;

/** The benchmark report as it grows: every line is echoed to standard output and kept for the report file. */
final class Report {
    private final StringBuilder text = new StringBuilder();

    void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        System.out.println(s);
        text.append(s).append('\n');
    }

    String text() {
        return text.toString();
    }
}
