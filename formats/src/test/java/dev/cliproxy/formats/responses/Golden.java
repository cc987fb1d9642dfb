package dev.cliproxy.formats.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.formats.sse.SseReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden files of this codec ({@code src/test/resources/golden/responses/}): JSON bodies compared as trees, SSE
 * transcripts compared event by event (name and JSON data). Running the tests with {@code -Dgolden.update=true}
 * rewrites the expected files from the actual output instead (for review before committing).
 */
final class Golden {

    private static final String DIR = "golden/responses/";
    private static final Path SOURCE_DIR = Path.of("src/test/resources", DIR);

    private Golden() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(DIR + name)) {
            assertNotNull(in, "missing golden file " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        return Json.parse(bytes(name));
    }

    static List<SseEvent> sse(String name) {
        return parseSse(bytes(name));
    }

    static List<SseEvent> parseSse(byte[] transcript) {
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(transcript))) {
            SseEvent e;
            while ((e = reader.next()) != null) {
                events.add(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    static void assertJson(String expectedName, byte[] actual) {
        JsonNode actualTree = Json.parse(actual);
        if (updating()) {
            write(expectedName, pretty(actualTree).getBytes(StandardCharsets.UTF_8));
            return;
        }
        JsonNode expected = json(expectedName);
        assertEquals(expected, actualTree, () -> expectedName + "\nexpected: " + pretty(expected)
                + "\nactual:   " + pretty(actualTree));
    }

    static void assertSse(String expectedName, List<SseEvent> actual) {
        if (updating()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            actual.forEach(e -> e.writeTo(out));
            write(expectedName, out.toByteArray());
            return;
        }
        List<SseEvent> expected = sse(expectedName);
        assertEquals(expected.size(), actual.size(), () -> expectedName + ": event count\nactual: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            SseEvent e = expected.get(i);
            SseEvent a = actual.get(i);
            int n = i;
            assertEquals(e.event(), a.event(), () -> expectedName + ": name of event " + n);
            assertEquals(Json.parse(e.data()), Json.parse(a.data()),
                    () -> expectedName + ": data of event " + n + "\nexpected: " + e.dataText()
                            + "\nactual:   " + a.dataText());
        }
    }

    static String pretty(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean updating() {
        return Boolean.getBoolean("golden.update");
    }

    private static void write(String name, byte[] content) {
        try {
            Files.createDirectories(SOURCE_DIR);
            Files.write(SOURCE_DIR.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
