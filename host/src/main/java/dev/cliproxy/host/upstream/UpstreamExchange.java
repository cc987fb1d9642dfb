package dev.cliproxy.host.upstream;

import dev.cliproxy.api.AnswerAdapter;
import dev.cliproxy.api.ProviderPlugin;
import dev.cliproxy.api.UpstreamAnswer;
import dev.cliproxy.api.UpstreamCall;
import dev.cliproxy.api.UpstreamFailure;
import dev.cliproxy.api.UpstreamRequest;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.formats.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.xnio.XnioIoThread;

/**
 * Sends what a plugin described, without blocking: {@link ProviderPlugin#describe} gives the request, the host's
 * {@link UpstreamTransport} sends it (proxy, timeouts, request log, cancellation) and pushes the answer back on the
 * client exchange's I/O thread, where it becomes {@link CallListener} calls: a non-2xx answer is read whole and
 * classified by the plugin's {@link ProviderPlugin#classify}; a 2xx answer is a whole body or an SSE stream parsed
 * as it arrives, both unwrapped by the plugin's {@link AnswerAdapter}. A plugin's own bug in describe, classify or
 * its adapter is reported as {@link PluginFault}.
 */
public final class UpstreamExchange {

    private final UpstreamTransport transport;

    public UpstreamExchange(UpstreamTransport transport) {
        this.transport = transport;
    }

    /** A plugin threw where it must not: a bug of the plugin, never retried elsewhere. */
    public static final class PluginFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PluginFault(String provider, RuntimeException cause) {
            super("provider " + provider + " failed: " + cause.getClass().getSimpleName(), cause);
        }
    }

    /**
     * Sends {@code call} with {@code plugin}; {@code listener} hears the answer on {@code thread}. The client's
     * {@code cancellation} aborts the call. A failure to describe the call is reported at once, on this thread.
     */
    public void send(ProviderPlugin plugin, UpstreamCall call, Cancellation cancellation, XnioIoThread thread,
                     CallListener listener) {
        if (cancellation.isCancelled()) {
            listener.failed(UpstreamException.cancelled());
            return;
        }
        UpstreamRequest described;
        AnswerAdapter adapter;
        try {
            described = plugin.describe(call);
            adapter = plugin.answerAdapter(call.credential());
        } catch (RuntimeException e) {
            listener.failed(new PluginFault(plugin.id(), e));
            return;
        }
        String proxy = described.proxyUrl().isEmpty() ? call.credential().proxyUrl() : described.proxyUrl();
        UpstreamHttpRequest request = new UpstreamHttpRequest(described.method(), described.url(),
                described.headers(), described.body(), proxy, cancellation);
        transport.send(request, thread, new Answer(plugin, call, adapter, described.streaming(), cancellation,
                listener));
    }

    /** Turns one raw answer into listener calls. */
    private static final class Answer implements AnswerReceiver {

        private final ProviderPlugin plugin;
        private final UpstreamCall call;
        private final AnswerAdapter adapter;
        private final boolean streaming;
        private final Cancellation cancellation;
        private final CallListener listener;
        private int status;
        private Map<String, List<String>> headers;
        private BodyFlow flow;
        private ByteArrayOutputStream whole;
        private SseParser events;
        /** The listener heard its last call (a failure, or it aborted the stream). */
        private boolean over;

        Answer(ProviderPlugin plugin, UpstreamCall call, AnswerAdapter adapter, boolean streaming,
               Cancellation cancellation, CallListener listener) {
            this.plugin = plugin;
            this.call = call;
            this.adapter = adapter;
            this.streaming = streaming;
            this.cancellation = cancellation;
            this.listener = listener;
        }

        @Override
        public void head(int status, Map<String, List<String>> headers, BodyFlow flow) {
            this.status = status;
            this.headers = headers;
            this.flow = new BodyFlow() {
                @Override
                public void pause() {
                    flow.pause();
                }

                @Override
                public void resume() {
                    flow.resume();
                }

                @Override
                public void abort() {
                    over = true;
                    flow.abort();
                }
            };
            if (status / 100 == 2 && streaming) {
                events = new SseParser();
                listener.streamStarted(headers, this.flow);
            } else {
                whole = new ByteArrayOutputStream(initialSize(headers));
            }
        }

        private static int initialSize(Map<String, List<String>> headers) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase("content-length") && !h.getValue().isEmpty()) {
                    try {
                        return (int) Math.min(Long.parseLong(h.getValue().getFirst().trim()), 1 << 20);
                    } catch (NumberFormatException ignored) {
                        return 1024;
                    }
                }
            }
            return 1024;
        }

        @Override
        public void body(ByteBuffer bytes) {
            if (over) {
                return;
            }
            if (events == null) {
                if (bytes.hasArray()) {
                    whole.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                } else {
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    whole.writeBytes(copy);
                }
                return;
            }
            try {
                events.feed(bytes, this::event);
            } catch (StreamOver stop) {
                // the listener aborted the stream: the rest of this chunk is dropped
            }
        }

        private void event(SseEvent ev) {
            if (over) {
                throw StreamOver.INSTANCE;
            }
            SseEvent adapted = ev;
            if (adapter != AnswerAdapter.NONE) {
                byte[] data;
                try {
                    data = adapter.event(call, ev.data());
                } catch (RuntimeException e) {
                    flow.abort();
                    listener.failed(new PluginFault(plugin.id(), e));
                    throw StreamOver.INSTANCE;
                }
                adapted = data == ev.data() ? ev : new SseEvent(ev.event(), data);
            }
            listener.event(adapted);
        }

        @Override
        public void end() {
            if (over) {
                return;
            }
            if (events != null) {
                try {
                    events.end(this::event);
                } catch (StreamOver stop) {
                    return;
                }
                if (!over) {
                    over = true;
                    listener.streamEnded();
                }
                return;
            }
            over = true;
            byte[] body = whole.toByteArray();
            if (status / 100 != 2) {
                listener.failed(classified(body));
                return;
            }
            try {
                body = adapter == AnswerAdapter.NONE ? body : adapter.body(call, body);
            } catch (RuntimeException e) {
                listener.failed(new PluginFault(plugin.id(), e));
                return;
            }
            listener.whole(headers, body);
        }

        private RuntimeException classified(byte[] body) {
            UpstreamAnswer answer = UpstreamAnswer.of(status, headers, body);
            try {
                UpstreamFailure verdict = plugin.classify(call, answer);
                return UpstreamException.of(verdict);
            } catch (RuntimeException e) {
                return new PluginFault(plugin.id(), e);
            }
        }

        @Override
        public void failed(IOException error) {
            if (over) {
                return;
            }
            over = true;
            if (cancellation.isCancelled()) {
                listener.failed(UpstreamException.cancelled());
            } else if (whole != null && status / 100 != 2) {
                listener.failed(classified(whole.toByteArray())); // an error answer cut short: judge what came
            } else {
                listener.failed(UpstreamException.connectionFailed(error));
            }
        }
    }

    /** Unwinds the parser once the listener has stopped listening. */
    private static final class StreamOver extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final StreamOver INSTANCE = new StreamOver();

        private StreamOver() {
            super(null, null, false, false);
        }
    }
}
