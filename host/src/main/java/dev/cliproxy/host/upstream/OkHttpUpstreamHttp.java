package dev.cliproxy.host.upstream;

import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.upstream.UpstreamHttp;
import dev.cliproxy.host.upstream.UpstreamHttpRequest;
import dev.cliproxy.host.upstream.UpstreamHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The host's {@link UpstreamHttp}: OkHttp with the effective proxy (credential, else the live global
 * {@code proxy-url}), a connect timeout, a time-to-first-byte watchdog, no read timeout once a body flows, and
 * cancellation when the client disconnects. Reads the live config on every call, so proxy changes apply at once.
 */
public final class OkHttpUpstreamHttp implements UpstreamHttp, AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json");

    private final Supplier<ProxyConfig> config;
    private final ProxyClients clients = new ProxyClients();
    private volatile UpstreamObserver observer = UpstreamObserver.NONE;
    private final FirstByteWatchdog watchdog = new FirstByteWatchdog();
    private final UpstreamUrls urls = new UpstreamUrls();

    public OkHttpUpstreamHttp(Supplier<ProxyConfig> config) {
        this.config = config;
    }

    /** Lets {@code observer} watch every exchange from now on (request logs). */
    public void observe(UpstreamObserver observer) {
        this.observer = observer == null ? UpstreamObserver.NONE : observer;
    }

    @Override
    public UpstreamHttpResponse send(UpstreamHttpRequest request) throws IOException {
        UpstreamObserver.Tap tap = observer.sending(request);
        if (tap == null) {
            return sendUnobserved(request);
        }
        try {
            UpstreamHttpResponse response = sendUnobserved(request);
            tap.response(response.status(), response.headers());
            return new TappedResponse(response, tap);
        } catch (IOException e) {
            tap.failed(e);
            throw e;
        }
    }

    UpstreamHttpResponse sendUnobserved(UpstreamHttpRequest request) throws IOException {
        ProxyConfig cfg = config.get();
        ProxyAddress proxy;
        try {
            proxy = ProxyAddress.effective(request.proxyUrl(), cfg.proxyUrl());
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid proxy-url: " + e.getMessage(), e);
        }
        OkHttpClient client = clients.client(proxy, cfg.timeouts());
        Call call = client.newCall(toOkHttp(request));
        request.cancellation().onCancel(call::cancel);
        FirstByteWatchdog.Watch watch = watchdog.watch(call, cfg.timeouts().firstByteSeconds());
        try {
            Response response = call.execute();
            watch.end();
            return new OkHttpResponse(response, call);
        } catch (IOException e) {
            watch.end();
            if (watch.timedOut()) {
                throw new InterruptedIOException("no response from upstream within "
                        + cfg.timeouts().firstByteSeconds() + " s");
            }
            throw e;
        }
    }

    private Request toOkHttp(UpstreamHttpRequest request) {
        Request.Builder b = new Request.Builder().url(urls.parse(request.url()));
        String type = null;
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
            if (h.getKey().equalsIgnoreCase("content-type")) {
                type = h.getValue();
            }
        }
        RequestBody body = null;
        if (request.body() != null) {
            body = RequestBody.create(request.body(), mediaType(type));
        }
        return b.method(request.method(), body).build();
    }

    /** {@code application/json} without parsing it again for every request. */
    private static MediaType mediaType(String contentType) {
        return contentType == null || contentType.equalsIgnoreCase("application/json") ? JSON
                : MediaType.parse(contentType);
    }

    @Override
    public void close() {
        watchdog.close();
        clients.close();
    }

    private record TappedResponse(UpstreamHttpResponse response, UpstreamObserver.Tap tap)
            implements UpstreamHttpResponse {

        @Override
        public int status() {
            return response.status();
        }

        @Override
        public Map<String, List<String>> headers() {
            return response.headers();
        }

        @Override
        public String header(String name) {
            return response.header(name);
        }

        @Override
        public InputStream body() {
            return new TappedInputStream(response.body(), tap);
        }

        @Override
        public void close() {
            response.close();
        }
    }

    private record OkHttpResponse(Response response, Call call) implements UpstreamHttpResponse {

        @Override
        public int status() {
            return response.code();
        }

        @Override
        public Map<String, List<String>> headers() {
            return new LazyHeaders(response.headers());
        }

        @Override
        public String header(String name) {
            return response.header(name);
        }

        @Override
        public InputStream body() {
            return response.body().byteStream();
        }

        /** The whole body, read into an array of its declared length (not in 8 KiB steps). */
        @Override
        public byte[] bodyBytes() throws IOException {
            try {
                return response.body().bytes();
            } finally {
                response.close();
            }
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
