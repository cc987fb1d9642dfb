package dev.cliproxy.formats;

import dev.cliproxy.formats.sse.SseEvent;
import java.util.function.Consumer;

/**
 * Turns canonical events into one client stream in its format's exact event sequence. Stateful: one instance per
 * stream, one thread. Must never emit an event with empty data.
 */
public interface StreamEncoder {

    /** Encodes one canonical event, emitting zero or more client events. */
    void encode(StreamEvent event, Consumer<SseEvent> out);

    /**
     * The stream is over (normally or not): emits the format's terminal events if they have not been sent yet
     * ({@code [DONE]}, {@code message_stop}, {@code response.completed}...), so a client never sees a stream end
     * without its terminal event.
     */
    void end(Consumer<SseEvent> out);
}
