package dev.cliproxy.host.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stdout goes straight to the systemd journal: systemd sets {@code JOURNAL_STREAM=<device>:<inode>} for a
 * service whose output it collects, and the variable is only trusted when it names stdout itself (it is inherited
 * by child processes whose stdout may be something else).
 */
final class JournalStream {

    private JournalStream() {
    }

    /** Whether this process's stdout is the journal stream named by {@code JOURNAL_STREAM}. */
    static boolean isStdout() {
        return matches(System.getenv("JOURNAL_STREAM"), Path.of("/proc/self/fd/1"));
    }

    /** Whether {@code journalStream} ({@code device:inode}) names the file {@code stdout} leads to. */
    static boolean matches(String journalStream, Path stdout) {
        if (journalStream == null || !journalStream.matches("\\d+:\\d+")) {
            return false;
        }
        String[] parts = journalStream.split(":");
        try {
            Object dev = Files.getAttribute(stdout, "unix:dev");
            Object ino = Files.getAttribute(stdout, "unix:ino");
            return parts[0].equals(String.valueOf(dev)) && parts[1].equals(String.valueOf(ino));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }
}
