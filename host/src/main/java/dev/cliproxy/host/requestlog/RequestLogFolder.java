package dev.cliproxy.host.requestlog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes request log files into the logs folder and keeps the folder bounded: error files ({@code error-*.log})
 * beyond the count cap are deleted oldest first, and when the folder grows past its size cap the oldest files of any
 * kind are deleted until it is back under 90% of the cap (so the folder is not listed again on every write).
 * The application's own {@code main*.log} files are left alone. Thread-safe.
 */
final class RequestLogFolder {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLogFolder.class);

    private final ReentrantLock lock = new ReentrantLock();
    private Path dir;
    private final Deque<Path> errorFiles = new ArrayDeque<>();
    private long approxBytes = -1;

    /** Writes {@code content} as {@code name}, then applies the caps of {@code settings}. */
    void write(RequestLogSettings settings, String name, byte[] content, boolean error) {
        lock.lock();
        try {
            if (!settings.dir().equals(dir)) {
                open(settings.dir());
            }
            Path file = dir.resolve(name);
            Files.write(file, content);
            approxBytes += content.length;
            if (error && !settings.full()) {
                errorFiles.addLast(file);
                while (settings.maxErrorFiles() > 0 && errorFiles.size() > settings.maxErrorFiles()) {
                    Path old = errorFiles.removeFirst();
                    approxBytes -= sizeOf(old);
                    Files.deleteIfExists(old);
                }
            }
            if (settings.maxTotalBytes() > 0 && approxBytes > settings.maxTotalBytes()) {
                shrink(settings.maxTotalBytes() * 9 / 10);
            }
        } catch (IOException e) {
            LOG.warn("Cannot write request log {}: {}", name, e.toString());
        } finally {
            lock.unlock();
        }
    }

    private void open(Path folder) throws IOException {
        Files.createDirectories(folder);
        dir = folder;
        errorFiles.clear();
        List<Entry> entries = list();
        approxBytes = 0;
        for (Entry e : entries) {
            approxBytes += e.size;
            if (e.path.getFileName().toString().startsWith("error-")) {
                errorFiles.addLast(e.path);
            }
        }
    }

    private void shrink(long target) throws IOException {
        List<Entry> entries = list();
        long total = entries.stream().mapToLong(Entry::size).sum();
        for (Entry e : entries) {
            if (total <= target) {
                break;
            }
            Files.deleteIfExists(e.path);
            errorFiles.remove(e.path);
            total -= e.size;
        }
        approxBytes = total;
    }

    private record Entry(Path path, long size, long modified) {
    }

    /** The log files of the folder, oldest first. */
    private List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.log")) {
            for (Path p : files) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile() && !p.getFileName().toString().startsWith("main")) {
                    out.add(new Entry(p, a.size(), a.lastModifiedTime().toMillis()));
                }
            }
        }
        out.sort(Comparator.comparingLong(Entry::modified).thenComparing(e -> e.path.getFileName().toString()));
        return out;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
