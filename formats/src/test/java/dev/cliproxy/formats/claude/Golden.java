package dev.cliproxy.formats.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.formats.sse.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Golden files under {@code golden/claude/}: JSON compared as trees, SSE event by event (name + JSON data). */
final class Golden {

    private Golden() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/claude/" + name)) {
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
        try (InputStream in = Golden.class.getResourceAsStream("/golden/claude/" + name)) {
            assertNotNull(in, "missing golden file " + name);
            SseReader reader = new SseReader(in);
            List<SseEvent> events = new ArrayList<>();
            for (SseEvent e = reader.next(); e != null; e = reader.next()) {
                events.add(e);
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertJson(String expectedName, byte[] actual) {
        assertEquals(json(expectedName), Json.parse(actual), expectedName);
    }

    static void assertSse(String expectedName, List<SseEvent> actual) {
        assertSse(sse(expectedName), actual, expectedName);
    }

    static void assertSse(List<SseEvent> expected, List<SseEvent> actual, String label) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            assertEquals(expected.get(i).event(), actual.get(i).event(), label + " event #" + i + " name");
            assertEquals(Json.parse(expected.get(i).data()), Json.parse(actual.get(i).data()),
                    label + " event #" + i + " (" + expected.get(i).event() + ") data");
        }
        assertEquals(expected.size(), actual.size(), label + " event count");
    }
}
