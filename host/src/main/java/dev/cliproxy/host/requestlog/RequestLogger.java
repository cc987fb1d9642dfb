package dev.cliproxy.host.requestlog;

import dev.cliproxy.host.pipeline.ClientChannel;
import dev.cliproxy.host.pipeline.ExchangeListener;
import dev.cliproxy.host.pipeline.ExchangeOutcome;
import dev.cliproxy.host.pipeline.InboundRequest;
import dev.cliproxy.host.routing.Candidate;
import dev.cliproxy.host.upstream.Cancellation;
import dev.cliproxy.host.upstream.UpstreamException;
import dev.cliproxy.host.upstream.UpstreamHttpRequest;
import dev.cliproxy.host.upstream.UpstreamObserver;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Request logs. With {@code request-log: true} every model request is written to its own file with the client
 * request, every upstream exchange (raw, bodies and streams included) and the answer; with it off, only failed
 * requests (status 400 and up, client disconnects excepted) are written, as {@code error-*.log}, with the upstream
 * error answers. See {@link RequestLogSettings} for the folder and its caps, {@link RequestLogFile} for the format.
 *
 * <p>A request's capture is found by the request (listener calls) and by its client exchange's cancellation, which
 * every upstream call of that request carries (the upstream client's {@link #sending}). Files are written after the
 * answer has gone to the client, on a virtual thread: the pipeline runs on I/O threads, which must not wait for a
 * disk.
 */
public final class RequestLogger implements ExchangeListener, UpstreamObserver {

    private final Supplier<RequestLogSettings> settings;
    private final Clock clock;
    private final RequestLogFolder folder = new RequestLogFolder();
    private final Map<InboundRequest, RequestCapture> byRequest = new ConcurrentHashMap<>();
    private final Map<Cancellation, RequestCapture> byExchange = new ConcurrentHashMap<>();
    private final Executor writes = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("request-log").factory());

    public RequestLogger(Supplier<RequestLogSettings> settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public ClientChannel started(InboundRequest request, ClientChannel out) {
        RequestLogSettings s = settings.get();
        if (!s.full() && !s.errors()) {
            return out;
        }
        RequestCapture capture = new RequestCapture(request, clock.instant(), s.full(), out.cancellation());
        byRequest.put(request, capture);
        byExchange.put(out.cancellation(), capture);
        return new RecordingChannel(out, capture);
    }

    @Override
    public Tap sending(UpstreamHttpRequest request) {
        RequestCapture capture = byExchange.get(request.cancellation());
        return capture == null || !capture.full ? null : capture.upstream(clock.instant(), request);
    }

    @Override
    public void attemptFailed(InboundRequest request, Candidate candidate, UpstreamException error) {
        RequestCapture capture = byRequest.get(request);
        if (capture != null) {
            capture.attemptFailed(candidate, error);
        }
    }

    @Override
    public void finished(InboundRequest request, ExchangeOutcome outcome) {
        RequestCapture capture = byRequest.remove(request);
        if (capture == null) {
            return;
        }
        byExchange.remove(capture.exchange, capture);
        boolean failed = outcome.status() >= 400 && outcome.status() != 499;
        if (!capture.full && !failed) {
            return;
        }
        RequestLogSettings s = settings.get();
        writes.execute(() -> folder.write(s, RequestLogFile.name(capture, failed && !capture.full),
                RequestLogFile.render(capture, outcome), failed && !capture.full));
    }
}
