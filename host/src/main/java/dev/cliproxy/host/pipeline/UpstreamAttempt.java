package dev.cliproxy.host.pipeline;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.formats.StreamAggregator;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.codecs.Codecs;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.host.oauth.AccountTokens;
import dev.cliproxy.host.routing.Candidate;
import dev.cliproxy.host.upstream.BodyFlow;
import dev.cliproxy.host.upstream.CallListener;
import dev.cliproxy.host.upstream.UpstreamException;
import dev.cliproxy.host.upstream.UpstreamExchange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream attempt with one candidate: builds the native body, has the host send the plugin's call and, for
 * streams, waits for the first event, so that failures before the first byte (including an in-band error as first
 * event) can still be retried on another credential. Never blocks: the answer completes the returned stage on the
 * client exchange's I/O thread. A plugin's own bug is caught here, logged with the plugin id, and becomes a 502 that
 * is not retried.
 */
final class UpstreamAttempt {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamAttempt.class);

    private final FormatBridge bridge;
    private final ClientChannel client;
    private final UpstreamExchange exchange;
    private final AccountTokens tokens;

    UpstreamAttempt(FormatBridge bridge, ClientChannel client, UpstreamExchange exchange, AccountTokens tokens) {
        this.bridge = bridge;
        this.client = client;
        this.exchange = exchange;
        this.tokens = tokens;
    }

    CompletionStage<Opened> open(Candidate c) {
        if (client.cancellation().isCancelled()) {
            return CompletableFuture.failedFuture(UpstreamException.cancelled());
        }
        InboundRequest in = bridge.inbound();
        if (in.operation() == Operation.COUNT_TOKENS) {
            return count(c);
        }
        if (in.operation() == Operation.COMPACT) {
            return compact(c);
        }
        boolean upstreamStream = in.stream() || c.credential().alwaysStreams();
        CompletableFuture<Opened> opened = new CompletableFuture<>();
        CallListener listener = !upstreamStream ? new WholeAnswer(c, opened, (h, body) -> new Opened.Whole(c, body, h))
                : in.stream() ? new FirstEvent(c, opened) : new Assembling(c, opened);
        send(c, call(c, bridge.nativeBody(c, upstreamStream), upstreamStream, Operation.GENERATE), listener);
        return opened;
    }

    private CompletionStage<Opened> count(Candidate c) {
        if (!c.provider().supports(Operation.COUNT_TOKENS, c.credential())) {
            return CompletableFuture.completedFuture(new Opened.Count(c, null, TokenEstimate.of(bridge.canonical())));
        }
        CompletableFuture<Opened> opened = new CompletableFuture<>();
        send(c, call(c, bridge.nativeBody(c, false), false, Operation.COUNT_TOKENS),
                new WholeAnswer(c, opened, (h, body) -> new Opened.Count(c, body, -1)));
        return opened;
    }

    private CompletionStage<Opened> compact(Candidate c) {
        if (!c.provider().supports(Operation.COMPACT, c.credential())) {
            return CompletableFuture.failedFuture(new ProxyException(501, "not_implemented", "The model '"
                    + bridge.inbound().model() + "' is served by provider " + c.provider().id()
                    + ", which cannot compact a conversation"));
        }
        CompletableFuture<Opened> opened = new CompletableFuture<>();
        send(c, call(c, bridge.passThroughBody(c), false, Operation.COMPACT),
                new WholeAnswer(c, opened, (h, body) -> new Opened.Relayed(c, body, h)));
        return opened;
    }

    private UpstreamCall call(Candidate c, byte[] body, boolean stream, Operation op) {
        InboundRequest in = bridge.inbound();
        return UpstreamCall.builder(c.credential(), c.upstreamModel(), body).requestId(in.requestId())
                .secret(tokens.secretFor(c.credential())).stream(stream).operation(op).clientHeaders(in.headers())
                .build();
    }

    private void send(Candidate c, UpstreamCall call, CallListener listener) {
        exchange.send(c.provider(), call, client.cancellation(), client.ioThread(), listener);
    }

    /** A failure as the failover loop sees it: a plugin's bug becomes a 502 that is not retried. */
    private static RuntimeException failure(ProviderPlugin provider, RuntimeException e) {
        return e instanceof UpstreamException ? e : pluginFault(provider, e);
    }

    private static UpstreamException inStreamError(StreamEvent.StreamError err, byte[] raw) {
        int status = err.error().status() > 0 ? err.error().status() : 502;
        return new UpstreamException(status, raw, FailureKind.forStatus(status), null, false,
                "upstream stream error " + status + ": " + err.error().message());
    }

    private static UpstreamException pluginFault(ProviderPlugin provider, Exception e) {
        LOG.error("Provider '{}' failed unexpectedly", provider.id(), e);
        return new UpstreamException(502, new byte[0], FailureKind.CLIENT, null, false,
                "provider " + provider.id() + " failed: " + e.getClass().getSimpleName());
    }

    /** What every listener does with an answer it did not expect or a failure. */
    private abstract static class Listener implements CallListener {
        final Candidate candidate;
        final CompletableFuture<Opened> opened;

        Listener(Candidate candidate, CompletableFuture<Opened> opened) {
            this.candidate = candidate;
            this.opened = opened;
        }

        @Override
        public void whole(Map<String, List<String>> headers, byte[] body) {
            opened.completeExceptionally(pluginFault(candidate.provider(),
                    new IllegalStateException("whole body for a streaming call")));
        }

        @Override
        public void streamStarted(Map<String, List<String>> headers, BodyFlow flow) {
            flow.abort();
            opened.completeExceptionally(pluginFault(candidate.provider(),
                    new IllegalStateException("stream answer to a call that is not streamed")));
        }

        @Override
        public void event(SseEvent event) {
        }

        @Override
        public void streamEnded() {
        }

        @Override
        public void failed(RuntimeException error) {
            opened.completeExceptionally(failure(candidate.provider(), error));
        }
    }

    /** A whole answer, made into {@code result}. */
    private static final class WholeAnswer extends Listener {
        private final BiFunction<Map<String, List<String>>, byte[], Opened> result;

        WholeAnswer(Candidate c, CompletableFuture<Opened> opened,
                    BiFunction<Map<String, List<String>>, byte[], Opened> result) {
            super(c, opened);
            this.result = result;
        }

        @Override
        public void whole(Map<String, List<String>> headers, byte[] body) {
            opened.complete(result.apply(headers, body));
        }
    }

    /** A listener of a streamed answer: keeps its headers and flow. */
    private abstract static class StreamListener extends Listener {
        Map<String, List<String>> headers;
        BodyFlow flow;

        StreamListener(Candidate candidate, CompletableFuture<Opened> opened) {
            super(candidate, opened);
        }

        @Override
        public void streamStarted(Map<String, List<String>> headers, BodyFlow flow) {
            this.headers = headers;
            this.flow = flow;
        }
    }

    /** A stream for a streaming client: opened once its first event is in and is not an error. */
    private static final class FirstEvent extends StreamListener {
        private UpstreamEvents rest;

        FirstEvent(Candidate c, CompletableFuture<Opened> opened) {
            super(c, opened);
        }

        @Override
        public void event(SseEvent ev) {
            if (rest != null) {
                rest.event(ev);
                return;
            }
            StreamDecoder decoder = Codecs.of(candidate.provider().nativeFormat()).newStreamDecoder();
            List<StreamEvent> decoded = new ArrayList<>(4);
            try {
                decoder.decode(ev, decoded::add);
            } catch (RuntimeException e) {
                flow.abort();
                opened.completeExceptionally(failure(candidate.provider(), e));
                return;
            }
            for (StreamEvent d : decoded) {
                if (d instanceof StreamEvent.StreamError err) {
                    flow.abort();
                    opened.completeExceptionally(inStreamError(err, ev.data()));
                    return;
                }
            }
            rest = new UpstreamEvents(flow);
            opened.complete(new Opened.Stream(candidate, rest, ev, decoder, decoded, headers));
        }

        @Override
        public void streamEnded() {
            if (rest != null) {
                rest.ended();
            } else {
                opened.completeExceptionally(new UpstreamException(502, new byte[0], FailureKind.TRANSIENT, null,
                        false, "upstream closed the stream before any event"));
            }
        }

        @Override
        public void failed(RuntimeException error) {
            if (rest != null) {
                rest.broke(error);
            } else {
                super.failed(error);
            }
        }
    }

    /** A stream the upstream always sends, assembled into a whole answer for a client that asked for one. */
    private static final class Assembling extends StreamListener {
        private final StreamAggregator aggregator = new StreamAggregator();
        private final StreamDecoder decoder;

        Assembling(Candidate c, CompletableFuture<Opened> opened) {
            super(c, opened);
            this.decoder = Codecs.of(c.provider().nativeFormat()).newStreamDecoder();
        }

        @Override
        public void event(SseEvent ev) {
            try {
                decoder.decode(ev, aggregator);
            } catch (RuntimeException e) {
                flow.abort();
                opened.completeExceptionally(failure(candidate.provider(), e));
            }
        }

        @Override
        public void streamEnded() {
            try {
                decoder.end(aggregator);
            } catch (RuntimeException e) {
                opened.completeExceptionally(failure(candidate.provider(), e));
                return;
            }
            if (aggregator.error() != null) {
                opened.completeExceptionally(inStreamError(new StreamEvent.StreamError(aggregator.error()),
                        aggregator.error().message().getBytes(StandardCharsets.UTF_8)));
                return;
            }
            opened.complete(new Opened.Assembled(candidate, aggregator.result(), headers));
        }
    }
}
