package dev.cliproxy.host.upstream;

import dev.cliproxy.host.config.ProxyConfig;
import io.undertow.UndertowOptions;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.UndertowClient;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DefaultByteBufferPool;
import java.io.IOException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;

/**
 * The non-blocking {@link UpstreamTransport}: Undertow's HTTP client, run entirely on the XNIO I/O thread each call
 * is sent for (a call from another thread hops onto it first). Connections are pooled per I/O thread and origin,
 * so a pool is only ever touched by its own thread and needs no lock: HTTP/1.1 connections are reused once an
 * answer has been read to its end. Server certificates are checked against the host name.
 *
 * <p>HTTP/2 (negotiated by ALPN for {@code https} origins, one shared connection per origin and thread) is off
 * unless asked for: Undertow's client grants the peer a connection-level receive window no larger than one stream's
 * and widens it only as streams are read, so one paused stream (a slow client) stops every other stream on the
 * shared connection. Over HTTP/1.1 each call pauses only its own connection.
 *
 * <p>The live config's {@code timeouts.connect-seconds} bounds opening a connection and
 * {@code timeouts.first-byte-seconds} the time from sending to the response headers; a flowing body has no time
 * limit. A call on a reused connection that breaks at once, before any answer (the upstream had closed it while
 * idle), is sent once more on a new connection. Upstream proxies ({@code proxy-url}) are not supported: such calls
 * fail.
 *
 * <p>Each body buffer handed to {@link AnswerReceiver#body} is a pooled direct buffer taken back when the call
 * returns. Opening a connection resolves the host name on the I/O thread (the JDK caches the answer), and TLS
 * handshakes run their delegated tasks on the XNIO worker's task threads.
 */
public final class UndertowTransport implements UpstreamTransport {

    private static final Logger LOG = LoggerFactory.getLogger(UndertowTransport.class);

    private static final int BUFFER_BYTES = 16 * 1024;
    private static final OptionMap PLAIN = OptionMap.create(Options.TCP_NODELAY, true);
    private static final OptionMap TLS = OptionMap.builder()
            .set(Options.TCP_NODELAY, true)
            .set(UndertowOptions.ENDPOINT_IDENTIFICATION_ALGORITHM, "HTTPS")
            .getMap();
    private static final OptionMap TLS_HTTP2 = OptionMap.builder().addAll(TLS)
            .set(UndertowOptions.ENABLE_HTTP2, true)
            .getMap();

    private final Supplier<ProxyConfig> config;
    private final UndertowXnioSsl ssl;
    private final boolean http2;
    private final ByteBufferPool buffers = new DefaultByteBufferPool(true, BUFFER_BYTES);
    private final Map<XnioIoThread, ThreadConnections> pools = new ConcurrentHashMap<>();
    private final UpstreamUrls urls = new UpstreamUrls();
    private volatile boolean closed;

    /** An HTTP/1.1 transport trusting the JDK's default certificate authorities. */
    public UndertowTransport(Supplier<ProxyConfig> config) {
        this(config, defaultContext());
    }

    /** An HTTP/1.1 transport whose TLS connections use {@code ssl} (its trust decides which servers are accepted). */
    public UndertowTransport(Supplier<ProxyConfig> config, SSLContext ssl) {
        this(config, ssl, false);
    }

    /**
     * A transport whose TLS connections use {@code ssl} and, when {@code http2}, offer HTTP/2 by ALPN (see the class
     * comment for why that is not the default).
     */
    public UndertowTransport(Supplier<ProxyConfig> config, SSLContext ssl, boolean http2) {
        this.config = Objects.requireNonNull(config, "config");
        this.http2 = http2;
        this.ssl = new UndertowXnioSsl(Xnio.getInstance(), http2 ? TLS_HTTP2 : TLS,
                Objects.requireNonNull(ssl, "ssl"));
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    @Override
    public void send(UpstreamHttpRequest request, XnioIoThread thread, AnswerReceiver receiver) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(receiver, "receiver");
        if (thread == Thread.currentThread()) {
            start(request, thread, receiver);
        } else {
            thread.execute(() -> start(request, thread, receiver));
        }
    }

    private void start(UpstreamHttpRequest request, XnioIoThread thread, AnswerReceiver receiver) {
        if (closed) {
            receiver.failed(new IOException("upstream transport closed"));
            return;
        }
        ProxyConfig cfg = config.get();
        URI url;
        UpstreamOrigin origin;
        try {
            url = urls.uri(request.url());
            origin = UpstreamOrigin.of(url);
            if (ProxyAddress.effective(request.proxyUrl(), cfg.proxyUrl()) != ProxyAddress.DIRECT) {
                throw new IOException("the non-blocking upstream transport does not support proxy-url");
            }
        } catch (IllegalArgumentException e) {
            receiver.failed(new IOException("invalid upstream request: " + e.getMessage(), e));
            return;
        } catch (IOException e) {
            receiver.failed(e);
            return;
        }
        ThreadConnections pool = pools.computeIfAbsent(thread, t -> new ThreadConnections(t, http2,
                (o, callback) -> connect(o, t, callback)));
        new UndertowCall(request, origin, target(url), thread, pool, buffers, cfg.timeouts(), receiver).start();
    }

    private static String target(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private void connect(UpstreamOrigin origin, XnioIoThread thread, ClientCallback<ClientConnection> callback) {
        try {
            UndertowClient.getInstance().connect(callback, null, origin.uri(), thread, origin.tls() ? ssl : null,
                    buffers, !origin.tls() ? PLAIN : http2 ? TLS_HTTP2 : TLS);
        } catch (RuntimeException e) {
            callback.failed(new IOException(e.getMessage(), e));
        }
    }

    /** Closes every pooled connection, each on its own I/O thread; calls in flight fail. */
    @Override
    public void close() {
        closed = true;
        pools.forEach((thread, pool) -> {
            try {
                thread.execute(pool::closeAll);
            } catch (RejectedExecutionException e) {
                LOG.debug("I/O thread {} already stopped; its upstream connections closed with it", thread.getName());
            }
        });
    }
}
