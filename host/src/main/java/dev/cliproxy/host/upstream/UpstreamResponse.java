package dev.cliproxy.host.upstream;

import dev.cliproxy.formats.sse.EventStream;
import java.util.List;
import java.util.Map;

/** A successful upstream answer: a whole body, or a stream of server-sent events. */
public sealed interface UpstreamResponse permits UpstreamResponse.Complete, UpstreamResponse.Streaming {

    /** The upstream HTTP status (2xx). */
    int status();

    /** Upstream response headers (names as received). */
    Map<String, List<String>> headers();

    /** A whole JSON body. */
    record Complete(int status, Map<String, List<String>> headers, byte[] body) implements UpstreamResponse {
        public Complete {
            headers = headers == null ? Map.of() : headers;
        }
    }

    /** A stream of events; the host reads it to the end, then closes it (also on client disconnect). */
    record Streaming(int status, Map<String, List<String>> headers, EventStream events) implements UpstreamResponse {
        public Streaming {
            headers = headers == null ? Map.of() : headers;
        }
    }
}
