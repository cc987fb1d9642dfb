package dev.cliproxy.host.requestlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLogFolderTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void deletesOldestFilesFirstWhenTheFolderGrowsPastItsSizeCap() throws IOException {
        Files.write(dir.resolve("main.log"), new byte[5000]);
        for (int i = 0; i < 3; i++) {
            Path old = Files.write(dir.resolve("old-" + i + ".log"), new byte[1000]);
            Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        RequestLogSettings settings = new RequestLogSettings(true, true, dir, 3500, 10);
        RequestLogFolder folder = new RequestLogFolder();

        folder.write(settings, "new.log", new byte[1000], false);

        assertEquals(List.of("main.log", "new.log", "old-1.log", "old-2.log"), names(),
                "oldest deleted until under 90% of the cap; the app log is never touched");
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfErrorFiles() throws IOException {
        RequestLogSettings settings = new RequestLogSettings(false, true, dir, 0, 3);
        RequestLogFolder folder = new RequestLogFolder();
        for (int i = 0; i < 5; i++) {
            folder.write(settings, "error-" + i + ".log", new byte[10], true);
        }
        assertEquals(List.of("error-2.log", "error-3.log", "error-4.log"), names());
        assertTrue(Files.size(dir.resolve("error-4.log")) == 10);
    }
}
