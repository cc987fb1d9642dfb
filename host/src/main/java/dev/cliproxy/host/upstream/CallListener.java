package dev.cliproxy.host.upstream;

import dev.cliproxy.formats.sse.SseEvent;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline hears of one upstream call sent by {@link UpstreamExchange}, on the client exchange's I/O
 * thread, one call at a time: a whole 2xx body; or a 2xx stream ({@link #streamStarted}, its events, then
 * {@link #streamEnded}); or {@link #failed} — before any answer, or when a started stream breaks off.
 */
public interface CallListener {

    /** A whole 2xx body, already unwrapped by the plugin's answer adapter. */
    void whole(Map<String, List<String>> headers, byte[] body);

    /** A 2xx event stream began; {@code flow} paces or aborts it. */
    void streamStarted(Map<String, List<String>> headers, BodyFlow flow);

    /** The next event of the stream, unwrapped by the plugin's answer adapter. */
    void event(SseEvent event);

    /** The stream ended normally. */
    void streamEnded();

    /**
     * The call failed: an {@link UpstreamException} (the plugin's classification of a non-2xx answer, no answer, a
     * cancellation, a stream that broke off) or an {@link UpstreamExchange.PluginFault}. Nothing follows.
     */
    void failed(RuntimeException error);
}
