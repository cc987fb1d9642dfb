package dev.cliproxy.host.pipeline;

import dev.cliproxy.host.routing.Candidate;
import dev.cliproxy.host.upstream.UpstreamException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several {@link ExchangeListener}s as one, called in order. A listener that throws is logged and skipped, so one
 * faulty observer never breaks a request or starves the others. Channel wrappers from {@link #started} nest in
 * order: the first listener's wrapper is the innermost.
 */
public final class CompositeExchangeListener implements ExchangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeExchangeListener.class);

    private final ExchangeListener[] listeners;

    private CompositeExchangeListener(List<ExchangeListener> listeners) {
        this.listeners = listeners.toArray(ExchangeListener[]::new);
    }

    /** One listener calling each of {@code listeners}; {@link ExchangeListener#NONE} when there are none. */
    public static ExchangeListener of(List<ExchangeListener> listeners) {
        return switch (listeners.size()) {
            case 0 -> NONE;
            case 1 -> listeners.getFirst();
            default -> new CompositeExchangeListener(listeners);
        };
    }

    @Override
    public ClientChannel started(InboundRequest request, ClientChannel out) {
        ClientChannel channel = out;
        for (ExchangeListener l : listeners) {
            try {
                channel = l.started(request, channel);
            } catch (RuntimeException e) {
                LOG.error("Exchange listener {} failed on start", l.getClass().getSimpleName(), e);
            }
        }
        return channel;
    }

    @Override
    public void attemptFailed(InboundRequest request, Candidate candidate, UpstreamException error) {
        for (ExchangeListener l : listeners) {
            try {
                l.attemptFailed(request, candidate, error);
            } catch (RuntimeException e) {
                LOG.error("Exchange listener {} failed on a failed attempt", l.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public void finished(InboundRequest request, ExchangeOutcome outcome) {
        for (ExchangeListener l : listeners) {
            try {
                l.finished(request, outcome);
            } catch (RuntimeException e) {
                LOG.error("Exchange listener {} failed on finish", l.getClass().getSimpleName(), e);
            }
        }
    }
}
