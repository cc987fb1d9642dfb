package dev.cliproxy.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.formats.sse.SseParser;
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
 * The golden files of one folder under {@code src/test/resources/golden/}: JSON bodies compared as trees, SSE
 * transcripts compared event by event (event name and JSON data; data that is not JSON, such as {@code [DONE]}, as
 * text). Running the tests with {@code -Dgolden.update=true} rewrites the expected files from the actual output
 * instead of comparing (review the diff before committing).
 */
public final class GoldenFiles {

    private static final String ROOT = "golden/";
    private static final Path SOURCE_ROOT = Path.of("src/test/resources", ROOT);

    private final String folder;

    private GoldenFiles(String folder) {
        this.folder = folder;
    }

    /** The golden files in {@code golden/<folder>/}. */
    public static GoldenFiles in(String folder) {
        return new GoldenFiles(folder);
    }

    /** The raw content of a golden file. */
    public byte[] bytes(String name) {
        try (InputStream in = GoldenFiles.class.getClassLoader().getResourceAsStream(ROOT + folder + "/" + name)) {
            assertNotNull(in, () -> "missing golden file " + folder + "/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A golden JSON file as a tree. */
    public JsonNode json(String name) {
        return Json.parse(bytes(name));
    }

    /** The events of a golden SSE transcript. */
    public List<SseEvent> sse(String name) {
        return parseSse(bytes(name));
    }

    /** The events of an SSE transcript. */
    private static List<SseEvent> parseSse(byte[] transcript) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser();
        parser.feed(transcript, 0, transcript.length, events::add);
        parser.end(events::add);
        return events;
    }

    /** Compares JSON bytes with a golden JSON file as trees. */
    public void assertJson(String expectedName, byte[] actual) {
        assertJson(expectedName, Json.parse(actual));
    }

    /** Compares a JSON tree with a golden JSON file. */
    public void assertJson(String expectedName, JsonNode actual) {
        if (updating()) {
            write(expectedName, pretty(actual).getBytes(StandardCharsets.UTF_8));
            return;
        }
        JsonNode expected = json(expectedName);
        assertEquals(expected, actual, () -> label(expectedName) + "\nexpected: " + pretty(expected)
                + "actual:   " + pretty(actual));
    }

    /** Compares events with a golden SSE transcript. */
    public void assertSse(String expectedName, List<SseEvent> actual) {
        if (updating()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            actual.forEach(e -> e.writeTo(out));
            write(expectedName, out.toByteArray());
            return;
        }
        assertSameEvents(sse(expectedName), actual, label(expectedName));
    }

    /** Compares two event lists one by one: event name, then data (JSON as trees, anything else as text). */
    private static void assertSameEvents(List<SseEvent> expected, List<SseEvent> actual, String label) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            SseEvent e = expected.get(i);
            SseEvent a = actual.get(i);
            int n = i;
            assertEquals(e.event(), a.event(), () -> label + ": name of event " + n);
            assertEquals(data(e), data(a), () -> label + ": data of event " + n + " (" + e.event() + ")"
                    + "\nexpected: " + e.dataText() + "\nactual:   " + a.dataText());
        }
        assertEquals(expected.size(), actual.size(), () -> label + ": event count\nactual: " + actual);
    }

    private static JsonNode data(SseEvent event) {
        try {
            return Json.parse(event.data());
        } catch (FormatException notJson) {
            return TextNode.valueOf(event.dataText());
        }
    }

    private static String pretty(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String label(String name) {
        return folder + "/" + name;
    }

    private static boolean updating() {
        return Boolean.getBoolean("golden.update");
    }

    private void write(String name, byte[] content) {
        Path dir = SOURCE_ROOT.resolve(folder);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
