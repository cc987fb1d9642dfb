package dev.cliproxy.host.pipeline;

import dev.cliproxy.formats.codecs.Codecs;
import dev.cliproxy.host.oauth.AccountTokens;
import dev.cliproxy.host.routing.AllCoolingException;
import dev.cliproxy.host.routing.CandidatePool;
import dev.cliproxy.host.routing.CooldownTracker;
import dev.cliproxy.host.routing.FailoverLoop;
import dev.cliproxy.host.routing.Router;
import dev.cliproxy.host.session.SessionIds;
import dev.cliproxy.host.state.LiveState;
import dev.cliproxy.host.state.RuntimeState;
import dev.cliproxy.host.upstream.UpstreamException;
import dev.cliproxy.host.upstream.UpstreamExchange;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioIoThread;

/**
 * The path of one model request, end to end:
 * <ol>
 *   <li>resolve the model to its candidates (provider, credential, upstream model) in the live state;</li>
 *   <li>run the failover loop: the scheduler picks a credential that is not cooling, {@link UpstreamAttempt}
 *       translates (or passes through) and has the host send the plugin's call, waiting for a stream's first
 *       event; a 401 on an OAuth account refreshes its token and retries it once ({@link AccountTokens}); a
 *       retryable failure cools the credential down and the next one is tried;</li>
 *   <li>relay the answer in the client's format: a whole body, or {@link StreamRelay} event by event;</li>
 *   <li>report the outcome to the listeners (metrics, access log, usage).</li>
 * </ol>
 * Nothing blocks: every step after the first runs on the client exchange's I/O thread when the upstream's answer
 * arrives there; only a token refresh runs on a virtual thread. Every failure reaches the client in its own format
 * via {@link ErrorReplies}.
 */
public final class RequestPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);
    private static final Map<String, String> JSON_HEADERS = Map.of();

    private final LiveState live;
    private final Router router;
    private final ErrorReplies errors;
    private final ExchangeListener listener;
    private final UpstreamExchange exchange;
    private final AccountTokens tokens;

    public RequestPipeline(LiveState live, CooldownTracker cooldowns, Clock clock, ExchangeListener listener,
                           UpstreamExchange exchange, AccountTokens tokens) {
        this.live = live;
        this.exchange = exchange;
        this.tokens = tokens;
        this.router = new Router(cooldowns, clock);
        this.errors = new ErrorReplies(clock);
        this.listener = listener;
    }

    /**
     * Serves {@code in}, writing the answer to {@code client}. Never throws and never blocks: the returned stage
     * completes once the answer is over (the client channel may then be closed).
     */
    public CompletionStage<Void> handle(InboundRequest in, ClientChannel client) {
        return handle(in, in.model(), client);
    }

    /**
     * Serves {@code in} with the candidates of {@code servedModel} (a name the Amp integration mapped the request
     * to), while the answer still names the model the client asked for, {@code in.model()}. Never throws.
     */
    public CompletionStage<Void> handle(InboundRequest in, String servedModel, ClientChannel client) {
        ExchangeTrace trace = new ExchangeTrace(in);
        ClientChannel out = listener.started(in, client);
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicBoolean over = new AtomicBoolean();
        Runnable finished = () -> {
            if (over.compareAndSet(false, true)) {
                try {
                    listener.finished(in, trace.outcome());
                } finally {
                    done.complete(null);
                }
            }
        };
        try {
            RuntimeState state = live.current();
            FormatBridge bridge = new FormatBridge(in, state.config().payload());
            CandidatePool pool = state.models().pool(servedModel);
            if (pool == null || pool.isEmpty()) {
                throw new ProxyException(404, "model_not_found", "The model '" + in.model()
                        + "' does not exist or is not served by any configured provider");
            }
            Executor io = onThread(out.ioThread());
            UpstreamAttempt attempt = new UpstreamAttempt(bridge, out, exchange, tokens);
            FailoverLoop loop = router.failover(state.config(), in.stream(), out.cancellation(),
                    (failed, error) -> listener.attemptFailed(in, failed, error), session(state, bridge));
            loop.run(pool, (c, n) -> {
                trace.candidate = c;
                trace.attempts = n;
                long sent = System.nanoTime();
                return tokens.retryOnUnauthorized(c.credential(), () -> attempt.open(c), io)
                        .whenComplete((o, e) -> trace.upstreamNanos = System.nanoTime() - sent);
            }, io).whenCompleteAsync((opened, error) -> {
                try {
                    if (error != null) {
                        fail(in, trace, out, unwrapped(error));
                        finished.run();
                    } else {
                        trace.candidate = opened.candidate();
                        respond(bridge, opened, out, trace, state, finished);
                    }
                } catch (RuntimeException e) {
                    if (opened instanceof Opened.Stream s) {
                        s.events().flow().abort(); // never relayed: stop reading it
                    }
                    failAndFinish(in, trace, out, e, finished);
                }
            }, io);
        } catch (RuntimeException e) {
            failAndFinish(in, trace, out, e, finished);
        }
        return done;
    }

    /** Answers {@code e} and ends the request, even if answering fails too. */
    private void failAndFinish(InboundRequest in, ExchangeTrace trace, ClientChannel out, RuntimeException e,
                               Runnable finished) {
        try {
            fail(in, trace, out, e);
        } finally {
            finished.run();
        }
    }

    /**
     * Runs tasks on {@code thread}: at once when already there, else queued to it. The answer is relayed there even
     * when it came so fast that the request's own thread (a virtual thread, for a large body) saw it complete.
     */
    private static Executor onThread(XnioIoThread thread) {
        return task -> {
            if (Thread.currentThread() == thread) {
                task.run();
            } else {
                thread.execute(task);
            }
        };
    }

    private static RuntimeException unwrapped(Throwable error) {
        Throwable e = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    /** The client's session id when session affinity is on, else {@code null}. */
    private static String session(RuntimeState state, FormatBridge bridge) {
        if (!state.config().routing().sessionAffinity()) {
            return null;
        }
        InboundRequest in = bridge.inbound();
        return SessionIds.of(in.headers(), in.json(), bridge::opening);
    }

    private void respond(FormatBridge bridge, Opened opened, ClientChannel out, ExchangeTrace trace,
                         RuntimeState state, Runnable finished) {
        Map<String, String> relayed = RelayedHeaders.of(state.config().passthroughHeaders(),
                opened.upstreamHeaders());
        switch (opened) {
            case Opened.Stream s -> {
                new StreamRelay(bridge, out, trace, state.config().streaming().keepaliveSeconds(), relayed, () -> {
                    if (trace.brokenUpstream != null) {
                        router.brokeAfterStart(s.candidate(), trace.brokenUpstream, state.config());
                    }
                    finished.run();
                }).relay(s);
                return;
            }
            case Opened.Whole w -> {
                FormatBridge.ClientAnswer answer = bridge.clientAnswer(w.candidate(), w.body());
                trace.usage(answer.usage());
                sendWhole(out, trace, answer.body(), relayed);
            }
            case Opened.Relayed r -> sendWhole(out, trace, r.body(), relayed);
            case Opened.Assembled a -> {
                trace.usage(a.response().usage());
                sendWhole(out, trace, bridge.clientBody(a.response()), relayed);
            }
            case Opened.Count c -> sendWhole(out, trace, tokenCount(bridge, c), JSON_HEADERS);
        }
        finished.run();
    }

    private static byte[] tokenCount(FormatBridge bridge, Opened.Count c) {
        if (c.body() == null) {
            return bridge.clientCodec().encodeTokenCount(c.estimate());
        }
        if (c.candidate().provider().nativeFormat() == bridge.inbound().format()) {
            return c.body();
        }
        long n = Codecs.of(c.candidate().provider().nativeFormat()).decodeTokenCount(c.body());
        return bridge.clientCodec().encodeTokenCount(n >= 0 ? n : TokenEstimate.of(bridge.canonical()));
    }

    private static void sendWhole(ClientChannel out, ExchangeTrace trace, byte[] body, Map<String, String> headers) {
        trace.firstByte();
        out.sendJson(200, body, headers);
    }

    private void fail(InboundRequest in, ExchangeTrace trace, ClientChannel out, RuntimeException e) {
        if (e instanceof UpstreamException u && u.kind() == dev.cliproxy.api.FailureKind.CANCELLED) {
            trace.status = 499;
            trace.error = "client disconnected";
            return;
        }
        if (!(e instanceof UpstreamException || e instanceof ProxyException || e instanceof AllCoolingException
                || e instanceof dev.cliproxy.formats.FormatException)) {
            LOG.error("Request {} failed unexpectedly", in.requestId(), e);
        }
        ErrorReplies.Reply reply = errors.render(e, in.format(),
                trace.candidate == null ? null : trace.candidate.provider().nativeFormat());
        trace.status = reply.status();
        trace.error = reply.error().message();
        if (out.streamStarted()) {
            try {
                out.write(Codecs.of(in.format()).encodeStreamError(reply.error()).toBytes());
            } catch (java.io.IOException gone) {
                trace.status = 499;
            }
            return;
        }
        out.sendJson(reply.status(), reply.body(), reply.headers());
    }
}
