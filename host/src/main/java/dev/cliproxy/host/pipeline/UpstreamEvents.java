package dev.cliproxy.host.pipeline;

import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.host.upstream.BodyFlow;
import java.util.ArrayDeque;

/**
 * The events of an opened upstream stream after its first, pushed on the I/O thread to the {@link Sink} that relays
 * them. Events that arrive before the sink attaches (the rest of the read that carried the first event) wait here.
 */
final class UpstreamEvents {

    /** Receives the stream: events, then {@link #ended()} or {@link #broke}. */
    interface Sink {
        void event(SseEvent event);

        void ended();

        void broke(RuntimeException error);
    }

    private final BodyFlow flow;
    private final ArrayDeque<SseEvent> early = new ArrayDeque<>(2);
    private Sink sink;
    private boolean ended;
    private RuntimeException broken;

    UpstreamEvents(BodyFlow flow) {
        this.flow = flow;
    }

    /** Paces or aborts the upstream body. */
    BodyFlow flow() {
        return flow;
    }

    /** From now on {@code sink} gets the stream, starting with what arrived before. */
    void attach(Sink s) {
        sink = s;
        while (!early.isEmpty()) {
            s.event(early.poll());
        }
        if (ended) {
            s.ended();
        } else if (broken != null) {
            s.broke(broken);
        }
    }

    void event(SseEvent ev) {
        if (sink == null) {
            early.add(ev);
        } else {
            sink.event(ev);
        }
    }

    void ended() {
        if (sink == null) {
            ended = true;
        } else {
            sink.ended();
        }
    }

    void broke(RuntimeException error) {
        if (sink == null) {
            broken = error;
        } else {
            sink.broke(error);
        }
    }
}
