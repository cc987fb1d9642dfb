package dev.cliproxy.host.testing;

import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.formats.sse.SseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses a whole SSE body for assertions. */
public final class Sse {

    private Sse() {
    }

    public static List<SseEvent> parse(String body) {
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            SseEvent e;
            while ((e = reader.next()) != null) {
                events.add(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** An SSE body made of {@code data:} events. */
    public static String dataEvents(String... data) {
        StringBuilder sb = new StringBuilder();
        for (String d : data) {
            sb.append("data: ").append(d).append("\n\n");
        }
        return sb.toString();
    }
}
