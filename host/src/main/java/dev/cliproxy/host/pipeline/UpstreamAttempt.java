package dev.cliproxy.host.pipeline;

import dev.cliproxy.api.FailureKind;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.formats.StreamAggregator;
import dev.cliproxy.formats.StreamDecoder;
import dev.cliproxy.formats.StreamEvent;
import dev.cliproxy.formats.codecs.Codecs;
import dev.cliproxy.formats.sse.EventStream;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.host.oauth.AccountTokens;
import dev.cliproxy.host.routing.Candidate;
import dev.cliproxy.host.upstream.Cancellation;
import dev.cliproxy.host.upstream.UpstreamException;
import dev.cliproxy.host.upstream.UpstreamExchange;
import dev.cliproxy.host.upstream.UpstreamResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream attempt with one candidate: builds the native body, calls the plugin's executor and, for streams,
 * waits for the first event, so that failures before the first byte (including an in-band error as first event)
 * can still be retried on another credential. A plugin's own bug is caught here, logged with the plugin id, and
 * becomes a 502 that is not retried.
 */
final class UpstreamAttempt {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamAttempt.class);

    private final FormatBridge bridge;
    private final Cancellation cancellation;
    private final UpstreamExchange exchange;
    private final AccountTokens tokens;

    UpstreamAttempt(FormatBridge bridge, Cancellation cancellation, UpstreamExchange exchange, AccountTokens tokens) {
        this.bridge = bridge;
        this.cancellation = cancellation;
        this.exchange = exchange;
        this.tokens = tokens;
    }

    Opened open(Candidate c) {
        if (cancellation.isCancelled()) {
            throw UpstreamException.cancelled();
        }
        InboundRequest in = bridge.inbound();
        ProviderPlugin provider = c.provider();
        if (in.operation() == Operation.COUNT_TOKENS) {
            return count(c);
        }
        if (in.operation() == Operation.COMPACT) {
            return compact(c);
        }
        boolean upstreamStream = in.stream() || c.credential().alwaysStreams();
        UpstreamResponse response = execute(provider, call(c, bridge.nativeBody(c, upstreamStream), upstreamStream,
                Operation.GENERATE));
        return switch (response) {
            case UpstreamResponse.Complete whole -> {
                if (upstreamStream) {
                    throw pluginFault(provider, new IllegalStateException("whole body for a streaming call"));
                }
                yield new Opened.Whole(c, whole.body(), whole.headers());
            }
            case UpstreamResponse.Streaming s -> in.stream() ? firstEvent(c, s) : assemble(c, s);
        };
    }

    private Opened count(Candidate c) {
        if (!c.provider().supports(Operation.COUNT_TOKENS, c.credential())) {
            return new Opened.Count(c, null, TokenEstimate.of(bridge.canonical()));
        }
        UpstreamResponse r = execute(c.provider(), call(c, bridge.nativeBody(c, false), false,
                Operation.COUNT_TOKENS));
        if (r instanceof UpstreamResponse.Complete whole) {
            return new Opened.Count(c, whole.body(), -1);
        }
        throw pluginFault(c.provider(), new IllegalStateException("stream answer to a token count"));
    }

    private Opened compact(Candidate c) {
        if (!c.provider().supports(Operation.COMPACT, c.credential())) {
            throw new ProxyException(501, "not_implemented", "The model '" + bridge.inbound().model()
                    + "' is served by provider " + c.provider().id() + ", which cannot compact a conversation");
        }
        UpstreamResponse r = execute(c.provider(), call(c, bridge.passThroughBody(c), false, Operation.COMPACT));
        if (r instanceof UpstreamResponse.Complete whole) {
            return new Opened.Relayed(c, whole.body(), whole.headers());
        }
        throw pluginFault(c.provider(), new IllegalStateException("stream answer to a compaction"));
    }

    private UpstreamCall call(Candidate c, byte[] body, boolean stream, Operation op) {
        InboundRequest in = bridge.inbound();
        return UpstreamCall.builder(c.credential(), c.upstreamModel(), body).requestId(in.requestId())
                .secret(tokens.secretFor(c.credential())).stream(stream).operation(op).clientHeaders(in.headers())
                .build();
    }

    private UpstreamResponse execute(ProviderPlugin provider, UpstreamCall call) {
        try {
            return exchange.send(provider, call, cancellation);
        } catch (UpstreamExchange.PluginFault e) {
            throw pluginFault(provider, e);
        }
    }

    private Opened firstEvent(Candidate c, UpstreamResponse.Streaming response) {
        EventStream events = response.events();
        StreamDecoder decoder = Codecs.of(c.provider().nativeFormat()).newStreamDecoder();
        List<StreamEvent> decoded = new ArrayList<>(4);
        SseEvent first;
        try {
            first = events.next();
            if (first == null) {
                throw new UpstreamException(502, new byte[0], FailureKind.TRANSIENT, null, false,
                        "upstream closed the stream before any event");
            }
            decoder.decode(first, decoded::add);
        } catch (IOException e) {
            events.close();
            throw cancellation.isCancelled() ? UpstreamException.cancelled() : UpstreamException.connectionFailed(e);
        } catch (RuntimeException e) {
            events.close();
            throw e instanceof UpstreamException u ? u : pluginFault(c.provider(), e);
        }
        for (StreamEvent ev : decoded) {
            if (ev instanceof StreamEvent.StreamError err) {
                events.close();
                throw inStreamError(err, first.data());
            }
        }
        return new Opened.Stream(c, events, first, decoder, decoded, response.headers());
    }

    private Opened assemble(Candidate c, UpstreamResponse.Streaming response) {
        EventStream events = response.events();
        StreamDecoder decoder = Codecs.of(c.provider().nativeFormat()).newStreamDecoder();
        StreamAggregator aggregator = new StreamAggregator();
        try (events) {
            SseEvent ev;
            while ((ev = events.next()) != null) {
                decoder.decode(ev, aggregator);
            }
            decoder.end(aggregator);
        } catch (IOException e) {
            throw cancellation.isCancelled() ? UpstreamException.cancelled() : UpstreamException.connectionFailed(e);
        }
        if (aggregator.error() != null) {
            throw inStreamError(new StreamEvent.StreamError(aggregator.error()),
                    aggregator.error().message().getBytes(StandardCharsets.UTF_8));
        }
        return new Opened.Assembled(c, aggregator.result(), response.headers());
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
}
