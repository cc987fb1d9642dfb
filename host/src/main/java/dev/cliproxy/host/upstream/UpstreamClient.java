package dev.cliproxy.host.upstream;

import dev.cliproxy.host.config.ProxyConfig;
import java.io.IOException;
import java.net.Proxy;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.xnio.XnioIoThread;

/**
 * The host's {@link UpstreamTransport}: direct calls go through {@link UndertowTransport} on the client exchange's
 * I/O thread; calls through a proxy (the credential's, else the live global {@code proxy-url}) through
 * {@link ThreadedTransport}. Either way an {@link UpstreamObserver} (the request log) sees the raw exchange.
 */
public final class UpstreamClient implements UpstreamTransport {

    private final Supplier<ProxyConfig> config;
    private final OkHttpUpstreamHttp blocking;
    private final UpstreamTransport direct;
    private final UpstreamTransport proxied;
    private volatile UpstreamObserver observer = UpstreamObserver.NONE;

    /**
     * The client for {@code config}'s upstreams; {@code blocking} is the host's blocking client (logins, the Amp
     * reverse proxy, management calls), which also carries this client's proxied calls. Closing this closes both.
     */
    public UpstreamClient(Supplier<ProxyConfig> config, OkHttpUpstreamHttp blocking) {
        this.config = config;
        this.blocking = blocking;
        this.direct = new UndertowTransport(config);
        this.proxied = new ThreadedTransport(blocking);
    }

    /** The blocking client, for callers that may block (virtual threads). */
    public OkHttpUpstreamHttp blocking() {
        return blocking;
    }

    /** Lets {@code observer} watch every upstream exchange from now on, this client's and the blocking one's. */
    public void observe(UpstreamObserver observer) {
        this.observer = observer == null ? UpstreamObserver.NONE : observer;
        blocking.observe(observer);
    }

    @Override
    public void send(UpstreamHttpRequest request, XnioIoThread thread, AnswerReceiver receiver) {
        UpstreamObserver.Tap tap = observer.sending(request);
        AnswerReceiver r = tap == null ? receiver : new Tapped(receiver, tap);
        ProxyAddress proxy;
        try {
            proxy = ProxyAddress.effective(request.proxyUrl(), config.get().proxyUrl());
        } catch (IllegalArgumentException e) {
            IOException invalid = new IOException("invalid proxy-url: " + e.getMessage(), e);
            thread.execute(() -> r.failed(invalid));
            return;
        }
        (proxy.type() == Proxy.Type.DIRECT ? direct : proxied).send(request, thread, r);
    }

    @Override
    public void close() {
        direct.close();
        proxied.close();
        blocking.close();
    }

    /** Shows the observer's tap what the receiver gets. */
    private record Tapped(AnswerReceiver next, UpstreamObserver.Tap tap) implements AnswerReceiver {

        @Override
        public void head(int status, Map<String, List<String>> headers, BodyFlow flow) {
            tap.response(status, headers);
            next.head(status, headers, flow);
        }

        @Override
        public void body(ByteBuffer bytes) {
            ByteBuffer seen = bytes.duplicate();
            byte[] copy = new byte[seen.remaining()];
            seen.get(copy);
            tap.body(copy, 0, copy.length);
            next.body(bytes);
        }

        @Override
        public void end() {
            next.end();
        }

        @Override
        public void failed(IOException error) {
            tap.failed(error);
            next.failed(error);
        }
    }
}
