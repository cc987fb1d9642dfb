package dev.cliproxy.formats.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import java.util.List;

/** Checks the structural rules every Claude stream must follow. */
final class ClaudeStreamAssertions {

    private ClaudeStreamAssertions() {
    }

    /**
     * message_start then ping first; blocks open and close in order with indexes from 0 and never interleave;
     * deltas only inside their block; the stream ends with message_delta + message_stop or with one error event;
     * every event is named after its non-empty JSON data's type.
     */
    static void assertValid(List<SseEvent> events) {
        assertFalse(events.isEmpty(), "no events");
        int open = -1;
        int nextIndex = 0;
        for (int i = 0; i < events.size(); i++) {
            SseEvent e = events.get(i);
            assertTrue(e.data().length > 0, "empty data at #" + i);
            JsonNode n = Json.parse(e.data());
            assertEquals(e.event(), n.get("type").textValue(), "event name = type at #" + i);
            String type = e.event();
            if (i == 0 && !type.equals("error")) {
                assertEquals("message_start", type);
            }
            if (i == 1 && !type.equals("error")) {
                assertEquals("ping", type);
            }
            switch (type) {
                case "content_block_start" -> {
                    assertEquals(-1, open, "block opened while another is open at #" + i);
                    assertEquals(nextIndex, n.get("index").intValue(), "block index at #" + i);
                    open = nextIndex++;
                }
                case "content_block_delta" -> assertEquals(open, n.get("index").intValue(), "delta index at #" + i);
                case "content_block_stop" -> {
                    assertEquals(open, n.get("index").intValue(), "stop index at #" + i);
                    open = -1;
                }
                case "message_delta" -> {
                    assertEquals(-1, open, "message_delta with an open block");
                    assertEquals(events.size() - 2, i, "message_delta is second to last");
                }
                case "message_stop" -> assertEquals(events.size() - 1, i, "message_stop is last");
                case "error" -> assertEquals(events.size() - 1, i, "error is last");
                case "message_start" -> assertEquals(0, i, "message_start is first");
                case "ping" -> {
                    // keep-alive
                }
                default -> throw new AssertionError("unexpected event " + type);
            }
        }
        String last = events.get(events.size() - 1).event();
        assertTrue(last.equals("message_stop") || last.equals("error"), "stream ends with " + last);
    }
}
