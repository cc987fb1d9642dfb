package dev.cliproxy.host.testing;

import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.formats.sse.SseParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses a whole SSE body for assertions. */
public final class Sse {

    private Sse() {
    }

    public static List<SseEvent> parse(String body) {
        List<SseEvent> events = new ArrayList<>();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SseParser parser = new SseParser();
        parser.feed(bytes, 0, bytes.length, events::add);
        parser.end(events::add);
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
