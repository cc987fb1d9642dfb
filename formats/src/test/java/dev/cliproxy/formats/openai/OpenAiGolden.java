package dev.cliproxy.formats.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.ResponseContext;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.formats.sse.SseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Golden-file access and comparisons for the OpenAI Chat codec tests. */
final class OpenAiGolden {

    static final OpenAiChatCodec CODEC = new OpenAiChatCodec();
    static final long CREATED = 1_700_000_000L;

    private OpenAiGolden() {
    }

    static ResponseContext ctx(boolean includeUsage) {
        return new ResponseContext("my-alias", "req-1", CREATED, null, includeUsage);
    }

    static byte[] bytes(String name) {
        try (InputStream in = OpenAiGolden.class.getResourceAsStream("/golden/openai/" + name)) {
            assertNotNull(in, "missing golden file " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        return Json.parse(bytes(name));
    }

    static JsonNode json(byte[] body) {
        return Json.parse(body);
    }

    static JsonNode json(SseEvent event) {
        return Json.parse(event.data());
    }

    static List<SseEvent> sse(String name) {
        return sse(bytes(name));
    }

    static List<SseEvent> sse(byte[] body) {
        List<SseEvent> out = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(body))) {
            for (SseEvent e = reader.next(); e != null; e = reader.next()) {
                out.add(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static void assertJson(String expectedName, byte[] actual) {
        assertEquals(json(expectedName), json(actual), () -> "actual: " + new String(actual, StandardCharsets.UTF_8));
    }

    /** Compares two streams event by event: event name and JSON data ({@code [DONE]} compared as text). */
    static void assertStream(List<SseEvent> expected, List<SseEvent> actual) {
        assertEquals(expected.size(), actual.size(), () -> "event count; actual: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            SseEvent e = expected.get(i);
            SseEvent a = actual.get(i);
            int n = i;
            assertEquals(e.event(), a.event(), () -> "event name at " + n);
            assertTrue(a.data().length > 0, "empty data at " + i);
            if (e.dataEquals("[DONE]")) {
                assertTrue(a.dataEquals("[DONE]"), () -> "expected [DONE] at " + n + ", got " + a.dataText());
            } else {
                assertEquals(json(e), json(a), () -> "event " + n + ": " + a.dataText());
            }
        }
    }

    static List<StreamEvent> decode(List<SseEvent> upstream) {
        StreamDecoder decoder = CODEC.newStreamDecoder();
        List<StreamEvent> events = new ArrayList<>();
        upstream.forEach(e -> decoder.decode(e, events::add));
        decoder.end(events::add);
        return events;
    }

    static List<SseEvent> encode(List<StreamEvent> events, ResponseContext ctx) {
        StreamEncoder encoder = CODEC.newStreamEncoder(ctx);
        List<SseEvent> out = new ArrayList<>();
        events.forEach(e -> encoder.encode(e, out::add));
        encoder.end(out::add);
        return out;
    }
}
