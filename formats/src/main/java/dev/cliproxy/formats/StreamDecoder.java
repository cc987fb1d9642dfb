package dev.cliproxy.formats;

import dev.cliproxy.formats.sse.SseEvent;
import java.util.function.Consumer;

/** Turns one upstream stream's events into canonical events. Stateful: one instance per stream, one thread. */
public interface StreamDecoder {

    /** Decodes one upstream event, emitting zero or more canonical events. */
    void decode(SseEvent event, Consumer<StreamEvent> out);

    /** The upstream stream ended: emits whatever is still pending (e.g. a held-back finish). */
    default void end(Consumer<StreamEvent> out) {
    }
}
