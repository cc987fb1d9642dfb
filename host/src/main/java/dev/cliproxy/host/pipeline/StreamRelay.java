package dev.cliproxy.host.pipeline;

import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.ApiError;
import dev.cliproxy.formats.Codec;
import dev.cliproxy.formats.ModelFieldRewriter;
import dev.cliproxy.formats.StreamEncoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.codecs.Codecs;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.host.upstream.UpstreamException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Relays an opened upstream stream to the client event by event, each flushed as it arrives. Pass-through keeps
 * every event's bytes (only the model name is rewritten when an alias is in play); translation goes native decoder
 * -> canonical events -> client encoder. A failure after the first byte becomes the client format's stream error
 * event (and the credential is cooled down as for a transient error); the client always gets its format's
 * terminal event. Optional SSE keep-alive comments fill idle gaps. Memory is bounded by one event.
 */
final class StreamRelay {

    private static final Map<String, String> STREAM_HEADERS = Map.of("Cache-Control", "no-cache",
            "X-Accel-Buffering", "no");

    private static final ApiError TRUNCATED = new ApiError(502, "upstream stream ended before completion", null);

    private final FormatBridge bridge;
    private final ClientChannel out;
    private final ExchangeTrace trace;
    private final int keepAliveSeconds;
    private final Map<String, String> relayedHeaders;
    /** The client has its format's terminal event: leaving now is the end of a served answer, not a 499. */
    private boolean answered;

    StreamRelay(FormatBridge bridge, ClientChannel out, ExchangeTrace trace, int keepAliveSeconds,
                Map<String, String> relayedHeaders) {
        this.bridge = bridge;
        this.out = out;
        this.trace = trace;
        this.keepAliveSeconds = keepAliveSeconds;
        this.relayedHeaders = relayedHeaders;
    }

    void relay(Opened.Stream s) {
        InboundRequest in = bridge.inbound();
        WireFormat nativeFormat = s.candidate().provider().nativeFormat();
        StreamWriter writer = new StreamWriter(out, in.framing());
        boolean passThrough = nativeFormat == in.format();
        out.startStream(in.framing().contentType(), RelayedHeaders.merged(STREAM_HEADERS, relayedHeaders));
        try (var events = s.events(); var keepAlive = SseKeepAlive.start(writer, in.framing(), keepAliveSeconds)) {
            if (passThrough) {
                passThrough(s, writer, nativeFormat);
            } else {
                translate(s, writer);
            }
            writer.finish();
            writer.close();
        } catch (ClientGone | IOException gone) {
            if (!answered) {
                trace.status = 499;
                trace.error = "client disconnected";
            }
        } finally {
            writer.close();
        }
    }

    private void passThrough(Opened.Stream s, StreamWriter writer, WireFormat format) throws IOException {
        String alias = bridge.inbound().model();
        Codec codec = Codecs.of(format);
        ModelFieldRewriter rewriter = s.candidate().upstreamModel().equals(alias) ? null : codec.eventModelField();
        UsageTap usage = new UsageTap(s.decoder(), trace);
        boolean ended = false;
        s.firstDecoded().forEach(usage::onDecoded);
        SseEvent ev = s.first();
        try {
            while (ev != null) {
                ended = ended || codec.isTerminal(ev);
                usage.see(ev);
                writer.write(rewriter == null ? ev : new SseEvent(ev.event(), rewriter.rewrite(ev.data(), alias)));
                trace.firstByte();
                answered = ended;
                ev = next(s);
            }
            if (!ended) {
                upstreamFailed(writer, TRUNCATED);
            }
        } catch (UpstreamBroke broke) {
            upstreamFailed(writer, broke.error);
        }
    }

    private void upstreamFailed(StreamWriter writer, ApiError error) throws IOException {
        trace.error = error.message();
        writer.write(bridge.clientCodec().encodeStreamError(error));
    }

    private void translate(Opened.Stream s, StreamWriter writer) throws IOException {
        StreamEncoder encoder = bridge.clientCodec().newStreamEncoder(bridge.responseContext());
        Consumer<SseEvent> sink = ev -> {
            try {
                writer.write(ev);
                trace.firstByte();
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        };
        boolean[] ended = {false};
        Consumer<StreamEvent> canonical = ev -> {
            if (ev instanceof StreamEvent.UsageUpdate u) {
                trace.usage(u.usage());
            } else if (ev instanceof StreamEvent.StreamError err) {
                trace.error = err.error().message();
                ended[0] = true;
            } else if (ev instanceof StreamEvent.Finish) {
                ended[0] = true;
            }
            encoder.encode(ev, sink);
            answered = ended[0];
        };
        s.firstDecoded().forEach(canonical);
        try {
            SseEvent ev;
            while ((ev = next(s)) != null) {
                s.decoder().decode(ev, canonical);
            }
            s.decoder().end(canonical);
            if (!ended[0]) {
                // the upstream stopped without saying why: a cut connection, not a finished answer
                canonical.accept(new StreamEvent.StreamError(TRUNCATED));
            }
        } catch (UpstreamBroke broke) {
            canonical.accept(new StreamEvent.StreamError(broke.error));
        }
        encoder.end(sink);
    }

    private SseEvent next(Opened.Stream s) {
        try {
            return s.events().next();
        } catch (IOException e) {
            if (out.cancellation().isCancelled()) {
                throw new ClientGone(e);
            }
            trace.brokenUpstream = UpstreamException.connectionFailed(e);
            throw new UpstreamBroke(new ApiError(502, "upstream stream broke: " + e.getMessage(), null));
        }
    }

    /** The client went away while writing. */
    private static final class ClientGone extends UncheckedIOException {
        ClientGone(IOException cause) {
            super(cause);
        }
    }

    /** The upstream failed after the first byte. */
    private static final class UpstreamBroke extends RuntimeException {
        final transient ApiError error;

        UpstreamBroke(ApiError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
