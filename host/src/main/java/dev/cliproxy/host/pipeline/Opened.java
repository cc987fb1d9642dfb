package dev.cliproxy.host.pipeline;

import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.sse.EventStream;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.host.routing.Candidate;
import java.util.List;

/** A successful upstream attempt, ready to be relayed to the client. */
sealed interface Opened {

    /** The candidate that answered. */
    Candidate candidate();

    /** A whole native body. */
    record Whole(Candidate candidate, byte[] body) implements Opened {
    }

    /** A whole answer assembled from an upstream stream. */
    record Assembled(Candidate candidate, ChatResponse response) implements Opened {
    }

    /** A native token count. */
    record Count(Candidate candidate, byte[] body, long estimate) implements Opened {
    }

    /**
     * A stream whose first event has arrived and was not an error.
     *
     * @param first        the first upstream event
     * @param decoder      the native decoder, already fed {@code first}
     * @param firstDecoded what {@code first} decoded to
     */
    record Stream(Candidate candidate, EventStream events, SseEvent first, StreamDecoder decoder,
                  List<StreamEvent> firstDecoded) implements Opened {
    }
}
