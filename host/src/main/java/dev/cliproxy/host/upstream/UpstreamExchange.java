package dev.cliproxy.host.upstream;

import dev.cliproxy.api.AnswerAdapter;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamFailure;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.formats.sse.EventStream;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.formats.sse.SseReader;
import java.io.IOException;

/**
 * Sends what a plugin described: {@link ProviderPlugin#describe} gives the request, the host's {@link UpstreamHttp}
 * sends it (credential proxy, timeouts, request log, cancellation); a non-2xx answer becomes an
 * {@link UpstreamException} from the plugin's {@link ProviderPlugin#classify}; a 2xx answer is a whole body or an
 * SSE stream, unwrapped by the plugin's {@link AnswerAdapter}. A plugin's own bug in describe or classify is
 * thrown as {@link PluginFault}.
 */
public final class UpstreamExchange {

    private final UpstreamHttp http;

    public UpstreamExchange(UpstreamHttp http) {
        this.http = http;
    }

    /** A plugin threw where it must not: a bug of the plugin, never retried elsewhere. */
    public static final class PluginFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PluginFault(String provider, RuntimeException cause) {
            super("provider " + provider + " failed: " + cause.getClass().getSimpleName(), cause);
        }
    }

    /** Sends {@code call} with {@code plugin}; the client's {@code cancellation} aborts it. */
    public UpstreamResponse send(ProviderPlugin plugin, UpstreamCall call, Cancellation cancellation) {
        if (cancellation.isCancelled()) {
            throw UpstreamException.cancelled();
        }
        UpstreamRequest described;
        AnswerAdapter adapter;
        try {
            described = plugin.describe(call);
            adapter = plugin.answerAdapter(call.credential());
        } catch (RuntimeException e) {
            throw new PluginFault(plugin.id(), e);
        }
        String proxy = described.proxyUrl().isEmpty() ? call.credential().proxyUrl() : described.proxyUrl();
        UpstreamHttpRequest request = new UpstreamHttpRequest(described.method(), described.url(),
                described.headers(), described.body(), proxy, cancellation);
        UpstreamHttpResponse response;
        try {
            response = http.send(request);
        } catch (IOException e) {
            throw cancellation.isCancelled() ? UpstreamException.cancelled() : UpstreamException.connectionFailed(e);
        }
        if (!response.isSuccessful()) {
            throw failure(plugin, call, response);
        }
        if (described.streaming()) {
            EventStream events = new SseReader(response.body(), response::close);
            return new UpstreamResponse.Streaming(response.status(), response.headers(),
                    adapter == AnswerAdapter.NONE ? events : adapted(events, adapter, call));
        }
        try {
            byte[] body = response.bodyBytes();
            return new UpstreamResponse.Complete(response.status(), response.headers(),
                    adapter == AnswerAdapter.NONE ? body : adapter.body(call, body));
        } catch (IOException e) {
            throw cancellation.isCancelled() ? UpstreamException.cancelled() : UpstreamException.connectionFailed(e);
        } finally {
            response.close();
        }
    }

    private static UpstreamException failure(ProviderPlugin plugin, UpstreamCall call, UpstreamHttpResponse response) {
        byte[] body;
        try {
            body = response.bodyBytes();
        } catch (IOException e) {
            body = new byte[0];
        } finally {
            response.close();
        }
        UpstreamAnswer answer = UpstreamAnswer.of(response.status(), response.headers(), body);
        UpstreamFailure verdict;
        try {
            verdict = plugin.classify(call, answer);
        } catch (RuntimeException e) {
            throw new PluginFault(plugin.id(), e);
        }
        return UpstreamException.of(verdict);
    }

    private static EventStream adapted(EventStream events, AnswerAdapter adapter, UpstreamCall call) {
        return new EventStream() {
            @Override
            public SseEvent next() throws IOException {
                SseEvent ev = events.next();
                if (ev == null) {
                    return null;
                }
                byte[] data = adapter.event(call, ev.data());
                return data == ev.data() ? ev : new SseEvent(ev.event(), data);
            }

            @Override
            public void close() {
                events.close();
            }
        };
    }
}
