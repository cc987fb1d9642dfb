package dev.cliproxy.host.upstream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Receives one upstream answer as it arrives, from an {@link UpstreamTransport}. Every call runs on the I/O thread
 * the request was sent for, one at a time: {@link #head} once, then {@link #body} any number of times, then exactly
 * one of {@link #end} or {@link #failed}; or only {@link #failed} when no answer came. Nothing follows once the
 * receiver itself has called {@link BodyFlow#abort()}. Implementations must not block.
 */
public interface AnswerReceiver {

    /** The status line and headers arrived (names as received); {@code flow} paces or aborts the body. */
    void head(int status, Map<String, List<String>> headers, BodyFlow flow);

    /** The next bytes of the body (de-chunked); valid only during this call, so copy what is kept. */
    void body(ByteBuffer bytes);

    /** The body is complete. */
    void end();

    /**
     * No answer (refused, reset, connect or first-byte timeout, cancelled), or the body broke off. Nothing follows.
     */
    void failed(IOException error);
}
