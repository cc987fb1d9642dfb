package dev.cliproxy.host.pipeline;

import dev.cliproxy.formats.ChatResponse;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.host.routing.Candidate;
import java.util.List;
import java.util.Map;

/** A successful upstream attempt, ready to be relayed to the client. */
sealed interface Opened {

    /** The candidate that answered. */
    Candidate candidate();

    /** The upstream's response headers (names as received); empty for a local answer. */
    Map<String, List<String>> upstreamHeaders();

    /** A whole native body. */
    record Whole(Candidate candidate, byte[] body, Map<String, List<String>> upstreamHeaders) implements Opened {
    }

    /** A whole answer assembled from an upstream stream. */
    record Assembled(Candidate candidate, ChatResponse response, Map<String, List<String>> upstreamHeaders)
            implements Opened {
    }

    /** A whole answer relayed to the client as the upstream gave it (a Responses compaction). */
    record Relayed(Candidate candidate, byte[] body, Map<String, List<String>> upstreamHeaders) implements Opened {
    }

    /** A native token count. */
    record Count(Candidate candidate, byte[] body, long estimate) implements Opened {
        @Override
        public Map<String, List<String>> upstreamHeaders() {
            return Map.of();
        }
    }

    /**
     * A stream whose first event has arrived and was not an error.
     *
     * @param events       the events after {@code first}, as they arrive
     * @param first        the first upstream event
     * @param decoder      the native decoder, already fed {@code first}
     * @param firstDecoded what {@code first} decoded to
     */
    record Stream(Candidate candidate, UpstreamEvents events, SseEvent first, StreamDecoder decoder,
                  List<StreamEvent> firstDecoded, Map<String, List<String>> upstreamHeaders) implements Opened {
    }
}
