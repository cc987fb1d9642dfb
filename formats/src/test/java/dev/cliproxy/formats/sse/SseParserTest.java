package dev.cliproxy.formats.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private static final String STREAM = ": hello\r\nevent: message_start\r\ndata: {\"a\":1}\r\n\r\n"
            + "data: line one\ndata: line two\n\nid: 7\nretry: 10\ndata:\n\n"
            + "event: ping\n\ndata: [DONE]\rdata: x\r\r";

    private static List<String> parse(int chunk) {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        SseParser parser = new SseParser();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            parser.feed(bytes, i, Math.min(chunk, bytes.length - i), ev -> out.add(ev.event() + "|" + ev.dataText()));
        }
        parser.end(ev -> out.add(ev.event() + "|" + ev.dataText()));
        return out;
    }

    @Test
    void givesTheSameEventsWhateverTheChunkBoundaries() {
        List<String> expected = List.of("message_start|{\"a\":1}", "null|line one\nline two", "null|[DONE]\nx");
        for (int chunk = 1; chunk <= STREAM.length(); chunk++) {
            assertEquals(expected, parse(chunk), "chunks of " + chunk);
        }
    }

    @Test
    void passesOnAnEventWhoseBlankLineNeverCame() {
        SseParser parser = new SseParser();
        List<String> out = new ArrayList<>();
        parser.feed("data: {\"b\":2}".getBytes(StandardCharsets.UTF_8), 0, 12, ev -> out.add(ev.dataText()));
        assertEquals(List.of(), out);
        parser.end(ev -> out.add(ev.dataText()));
        assertEquals(List.of("{\"b\":2"), out);
    }
}
