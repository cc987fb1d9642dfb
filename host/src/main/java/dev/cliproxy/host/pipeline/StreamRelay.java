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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays an opened upstream stream to the client event by event as the upstream pushes them, on the exchange's I/O
 * thread, each event flushed on its own. Pass-through keeps every event's bytes (only the model name is rewritten
 * when an alias is in play); translation goes native decoder -> canonical events -> client encoder. While the client
 * cannot take more, the upstream read pauses (one event and one read buffer per stream at most). A failure after the
 * first byte becomes the client format's stream error event (and the credential is cooled down as for a transient
 * error); the client always gets its format's terminal event. Optional SSE keep-alive comments fill idle gaps.
 */
final class StreamRelay implements UpstreamEvents.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRelay.class);

    private static final Map<String, String> STREAM_HEADERS = Map.of("Cache-Control", "no-cache",
            "X-Accel-Buffering", "no");

    private static final ApiError TRUNCATED = new ApiError(502, "upstream stream ended before completion", null);

    private final FormatBridge bridge;
    private final ClientChannel out;
    private final ExchangeTrace trace;
    private final int keepAliveSeconds;
    private final Map<String, String> relayedHeaders;
    private final Runnable onDone;
    private Opened.Stream stream;
    private StreamWriter writer;
    private SseKeepAlive keepAlive;
    /** Pass-through: the codec of both sides, the model rewriter (or null) and the usage tap. */
    private Codec codec;
    private ModelFieldRewriter rewriter;
    private UsageTap usage;
    /** Translation: the client's encoder, and the canonical events' way into it. */
    private StreamEncoder encoder;
    private Consumer<StreamEvent> canonical;
    /** The upstream sent its terminal event (pass-through) or finish/error (translation). */
    private boolean ended;
    /** The client has its format's terminal event: leaving now is the end of a served answer, not a 499. */
    private boolean answered;
    private boolean over;

    StreamRelay(FormatBridge bridge, ClientChannel out, ExchangeTrace trace, int keepAliveSeconds,
                Map<String, String> relayedHeaders, Runnable onDone) {
        this.bridge = bridge;
        this.out = out;
        this.trace = trace;
        this.keepAliveSeconds = keepAliveSeconds;
        this.relayedHeaders = relayedHeaders;
        this.onDone = onDone;
    }

    /** Starts the client's stream with {@code s}'s first event, then relays the rest as it arrives. */
    void relay(Opened.Stream s) {
        stream = s;
        InboundRequest in = bridge.inbound();
        WireFormat nativeFormat = s.candidate().provider().nativeFormat();
        writer = new StreamWriter(out, in.framing());
        out.startStream(in.framing().contentType(), RelayedHeaders.merged(STREAM_HEADERS, relayedHeaders));
        keepAlive = SseKeepAlive.start(writer, in.framing(), keepAliveSeconds, out.ioThread());
        boolean passThrough = nativeFormat == in.format();
        step(() -> {
            if (passThrough) {
                codec = Codecs.of(nativeFormat);
                rewriter = s.candidate().upstreamModel().equals(in.model()) ? null : codec.eventModelField();
                usage = new UsageTap(s.decoder(), trace);
                s.firstDecoded().forEach(usage::onDecoded);
                passThrough(s.first());
            } else {
                startTranslation();
                s.firstDecoded().forEach(canonical);
            }
        });
        if (!over) {
            s.events().attach(this);
        }
    }

    @Override
    public void event(SseEvent ev) {
        step(() -> {
            if (codec != null) {
                passThrough(ev);
            } else {
                stream.decoder().decode(ev, canonical);
            }
        });
        if (!over && out.backlogged()) {
            stream.events().flow().pause();
            out.whenDrained(stream.events().flow()::resume);
        }
    }

    @Override
    public void ended() {
        step(() -> {
            if (codec == null) {
                stream.decoder().end(canonical);
            }
            if (!ended) {
                // the upstream stopped without saying why: a cut connection, not a finished answer
                upstreamFailed(TRUNCATED);
            }
            finish();
        });
    }

    @Override
    public void broke(RuntimeException error) {
        if (out.cancellation().isCancelled()) {
            clientGone();
            return;
        }
        ApiError reported;
        if (error instanceof UpstreamException u) {
            Throwable cause = u.getCause() != null ? u.getCause() : u;
            trace.brokenUpstream = u; // the credential cools down as after a transient error
            reported = new ApiError(502, "upstream stream broke: " + cause.getMessage(), null);
        } else {
            // the plugin's own bug (its answer adapter threw): not the credential's fault
            LOG.error("Request {}: provider '{}' failed in the middle of a stream", bridge.inbound().requestId(),
                    stream.candidate().provider().id(), error);
            reported = new ApiError(502, error.getMessage(), null);
        }
        step(() -> {
            upstreamFailed(reported);
            finish();
        });
    }

    private void passThrough(SseEvent ev) throws IOException {
        ended = ended || codec.isTerminal(ev);
        usage.see(ev);
        String alias = bridge.inbound().model();
        writer.write(rewriter == null ? ev : new SseEvent(ev.event(), rewriter.rewrite(ev.data(), alias)));
        trace.firstByte();
        answered = ended;
    }

    private void startTranslation() {
        encoder = bridge.clientCodec().newStreamEncoder(bridge.responseContext());
        Consumer<SseEvent> sink = ev -> {
            try {
                writer.write(ev);
                trace.firstByte();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        canonical = ev -> {
            if (ev instanceof StreamEvent.UsageUpdate u) {
                trace.usage(u.usage());
            } else if (ev instanceof StreamEvent.StreamError err) {
                trace.error = err.error().message();
                ended = true;
            } else if (ev instanceof StreamEvent.Finish) {
                ended = true;
            }
            encoder.encode(ev, sink);
            answered = ended;
        };
    }

    /** Sends the client its format's stream error (pass-through) or lets the encoder end with it (translation). */
    private void upstreamFailed(ApiError error) throws IOException {
        if (codec != null) {
            trace.error = error.message();
            writer.write(bridge.clientCodec().encodeStreamError(error));
        } else {
            canonical.accept(new StreamEvent.StreamError(error));
        }
    }

    private void finish() throws IOException {
        if (encoder != null) {
            encoder.end(ev -> {
                try {
                    writer.write(ev);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        writer.finish();
        close();
    }

    /** One step of the relay; a client that left, or a bug in translation, ends it. */
    private void step(Step step) {
        if (over) {
            return;
        }
        try {
            step.run();
        } catch (IOException | UncheckedIOException gone) {
            clientGone();
        } catch (RuntimeException bug) {
            LOG.error("Request {}: relaying the stream failed", bridge.inbound().requestId(), bug);
            trace.error = "stream relay failed: " + bug.getClass().getSimpleName();
            stream.events().flow().abort();
            close();
        }
    }

    private void clientGone() {
        if (over) {
            return;
        }
        if (!answered) {
            trace.status = 499;
            trace.error = "client disconnected";
        }
        stream.events().flow().abort();
        close();
    }

    private void close() {
        over = true;
        writer.close();
        keepAlive.close();
        onDone.run();
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }
}
