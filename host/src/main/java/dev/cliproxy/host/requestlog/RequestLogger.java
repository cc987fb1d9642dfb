package dev.cliproxy.host.requestlog;

import dev.cliproxy.host.pipeline.ClientChannel;
import dev.cliproxy.host.pipeline.ExchangeListener;
import dev.cliproxy.host.pipeline.ExchangeOutcome;
import dev.cliproxy.host.pipeline.InboundRequest;
import dev.cliproxy.host.routing.Candidate;
import dev.cliproxy.host.upstream.UpstreamException;
import dev.cliproxy.host.upstream.UpstreamHttpRequest;
import dev.cliproxy.host.upstream.UpstreamObserver;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Request logs. With {@code request-log: true} every model request is written to its own file with the client
 * request, every upstream exchange (raw, bodies and streams included) and the answer; with it off, only failed
 * requests (status 400 and up, client disconnects excepted) are written, as {@code error-*.log}, with the upstream
 * error answers. See {@link RequestLogSettings} for the folder and its caps, {@link RequestLogFile} for the format.
 *
 * <p>The capture of the request running on a thread is kept in a thread local: the pipeline calls
 * {@link #started}, the upstream client calls {@link #sending} and {@link #finished} all on the request's virtual
 * thread. Files are written after the answer has gone to the client.
 */
public final class RequestLogger implements ExchangeListener, UpstreamObserver {

    private final Supplier<RequestLogSettings> settings;
    private final Clock clock;
    private final RequestLogFolder folder = new RequestLogFolder();
    private final ThreadLocal<RequestCapture> current = new ThreadLocal<>();

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
        RequestCapture capture = new RequestCapture(request, clock.instant(), s.full());
        current.set(capture);
        return new RecordingChannel(out, capture);
    }

    @Override
    public Tap sending(UpstreamHttpRequest request) {
        RequestCapture capture = current.get();
        return capture == null || !capture.full ? null : capture.upstream(clock.instant(), request);
    }

    @Override
    public void attemptFailed(InboundRequest request, Candidate candidate, UpstreamException error) {
        RequestCapture capture = current.get();
        if (capture != null) {
            capture.attemptFailed(candidate, error);
        }
    }

    @Override
    public void finished(ExchangeOutcome outcome) {
        RequestCapture capture = current.get();
        if (capture == null) {
            return;
        }
        current.remove();
        boolean failed = outcome.status() >= 400 && outcome.status() != 499;
        if (!capture.full && !failed) {
            return;
        }
        RequestLogSettings s = settings.get();
        folder.write(s, RequestLogFile.name(capture, failed && !capture.full),
                RequestLogFile.render(capture, outcome), failed && !capture.full);
    }
}
