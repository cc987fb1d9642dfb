package dev.cliproxy.host.applog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application log's files in the logs folder: the active {@value #ACTIVE} and its archives
 * {@code main-<yyyy-MM-dd>.<n>.log}, and the form of their lines ({@link #LINE_PATTERN}, which starts with the local
 * time in brackets, as the Go proxy's log lines do). Request log files share the folder and are never touched here.
 */
public final class AppLogFolder {

    /** The file being written. */
    public static final String ACTIVE = "main.log";
    /** The logback file name pattern of the archives. */
    public static final String ARCHIVE_PATTERN = "main-%d{yyyy-MM-dd}.%i.log";
    /** The logback pattern of one line. */
    public static final String LINE_PATTERN = "[%d{yyyy-MM-dd HH:mm:ss.SSS}] %-5level [%thread] %logger{24} - %msg%n";

    private static final Pattern ARCHIVE = Pattern.compile("main-(\\d{4}-\\d{2}-\\d{2})\\.(\\d+)\\.log");

    private final Path dir;

    AppLogFolder(Path dir) {
        this.dir = dir;
    }

    /** Whether {@code name} is one of the application log's files. */
    static boolean isLogFile(String name) {
        return name.equals(ACTIVE) || ARCHIVE.matcher(name).matches();
    }

    /**
     * The application log's files, oldest first (the active file last).
     *
     * @throws NoSuchFileException when the folder does not exist
     */
    List<Path> files() throws IOException {
        List<Path> archives = new ArrayList<>();
        Path active = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "main*.log")) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                if (name.equals(ACTIVE)) {
                    active = p;
                } else if (ARCHIVE.matcher(name).matches()) {
                    archives.add(p);
                }
            }
        }
        archives.sort(Comparator.comparing((Path p) -> archivePart(p, 1)).thenComparingLong(p ->
                Long.parseLong(archivePart(p, 2))));
        if (active != null) {
            archives.add(active);
        }
        return archives;
    }

    private static String archivePart(Path p, int group) {
        Matcher m = ARCHIVE.matcher(p.getFileName().toString());
        return m.matches() ? m.group(group) : "";
    }

    /**
     * Empties the active file (the logger keeps appending to it) and deletes the archives; returns how many files
     * were deleted.
     *
     * @throws NoSuchFileException when the folder does not exist
     */
    int clear() throws IOException {
        int removed = 0;
        for (Path p : files()) {
            if (p.getFileName().toString().equals(ACTIVE)) {
                try (FileChannel channel = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    channel.truncate(0);
                }
            } else if (Files.deleteIfExists(p)) {
                removed++;
            }
        }
        return removed;
    }
}
