package dev.cliproxy.formats.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cliproxy.formats.ContentPart;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.formats.sse.SseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Golden files under {@code golden/gemini/} and a JSON view of canonical objects for comparing with them. */
final class Golden {

    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface Typed {
    }

    @JsonIgnoreProperties({"inline"})
    private interface NoDerived {
    }

    private static final ObjectMapper CANONICAL = Json.MAPPER.copy()
            .addMixIn(ContentPart.class, Typed.class)
            .addMixIn(StreamEvent.class, Typed.class)
            .addMixIn(ContentPart.Image.class, NoDerived.class)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private Golden() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/gemini/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing golden file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        return Json.parse(bytes(name));
    }

    /** A canonical object (request, response, event list...) as a JSON tree, parts tagged with their type. */
    static JsonNode canonical(Object value) {
        return Json.parse(Json.write(CANONICAL.valueToTree(value)));
    }

    /** Stream events as a JSON array, each tagged with its type. */
    static JsonNode events(List<StreamEvent> events) {
        try {
            return Json.parse(CANONICAL.writerFor(new TypeReference<List<StreamEvent>>() { })
                    .writeValueAsBytes(events));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares stream events with a golden JSON file. */
    static void assertEvents(String expectedFile, List<StreamEvent> actual) {
        JsonNode tree = events(actual);
        assertEquals(json(expectedFile), tree, () -> "differs from " + expectedFile + ": " + tree);
    }

    /** Compares JSON bytes with a golden JSON file as trees. */
    static void assertJson(String expectedFile, byte[] actual) {
        assertEquals(json(expectedFile), Json.parse(actual), () -> "differs from " + expectedFile + ": "
                + new String(actual, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Compares a canonical object with a golden JSON file. */
    static void assertCanonical(String expectedFile, Object actual) {
        JsonNode tree = canonical(actual);
        assertEquals(json(expectedFile), tree, () -> "differs from " + expectedFile + ": " + tree);
    }

    /** The events of a golden SSE transcript. */
    static List<SseEvent> sse(String name) {
        return sse(bytes(name));
    }

    static List<SseEvent> sse(byte[] transcript) {
        List<SseEvent> out = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(transcript))) {
            for (SseEvent e = reader.next(); e != null; e = reader.next()) {
                out.add(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Compares events with a golden SSE transcript event by event (name and JSON data). */
    static void assertSse(String expectedFile, List<SseEvent> actual) {
        List<SseEvent> expected = sse(expectedFile);
        assertEquals(view(expected), view(actual), () -> "differs from " + expectedFile);
    }

    private static ArrayNode view(List<SseEvent> events) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (SseEvent e : events) {
            out.addObject().put("event", e.event()).set("data", Json.parse(e.data()));
        }
        return out;
    }
}
