package dev.cliproxy.host.upstream;

import dev.cliproxy.host.config.ProxyConfig;
import java.net.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * One OkHttp client per (proxy, timeouts) pair, all sharing one connection pool and dispatcher, so connections to
 * each upstream host are pooled and reused across requests and credentials. Bounded: a handful of distinct proxies
 * is the norm; the table is cleared if it ever grows past {@value #MAX_CLIENTS}.
 */
final class ProxyClients {

    private static final int MAX_CLIENTS = 64;

    /**
     * The client every other one derives from, built on a background thread at start: building it loads the
     * platform's TLS trust store (a few hundred milliseconds) that need not delay the proxy being ready.
     */
    private final FutureTask<OkHttpClient> base = new FutureTask<>(ProxyClients::buildBase);
    private final SocksCredentials socks = SocksCredentials.shared();
    private final Map<Key, OkHttpClient> clients = new ConcurrentHashMap<>();

    /** What makes clients differ (the proxy's credentials included, compared but never printed). */
    private record Key(ProxyAddress proxy, int connectSeconds) {
    }

    ProxyClients() {
        Thread.ofPlatform().daemon().name("upstream-client-init").start(base);
    }

    private static OkHttpClient buildBase() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(4096);
        dispatcher.setMaxRequestsPerHost(4096);
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(256, 5, TimeUnit.MINUTES))
                .dispatcher(dispatcher)
                .protocols(java.util.List.of(Protocol.HTTP_2, Protocol.HTTP_1_1))
                .retryOnConnectionFailure(true)
                .followRedirects(false)
                .readTimeout(Duration.ZERO)
                // no write timeout: the first-byte watchdog (OkHttpUpstreamHttp) already ends a call whose request
                // cannot be written, and a timeout here would queue every socket write on Okio's watchdog thread
                .writeTimeout(Duration.ZERO)
                .build();
    }

    OkHttpClient client(ProxyAddress proxy, ProxyConfig.Timeouts timeouts) {
        Key key = new Key(proxy, timeouts.connectSeconds());
        OkHttpClient c = clients.get(key);
        if (c != null) {
            return c;
        }
        if (clients.size() >= MAX_CLIENTS) {
            clients.clear();
        }
        return clients.computeIfAbsent(key, k -> build(proxy, timeouts));
    }

    private OkHttpClient build(ProxyAddress proxy, ProxyConfig.Timeouts timeouts) {
        OkHttpClient.Builder b = base().newBuilder()
                .connectTimeout(Duration.ofSeconds(timeouts.connectSeconds()))
                .proxy(proxy.toProxy());
        if (proxy.type() == Proxy.Type.SOCKS) {
            socks.register(proxy);
        } else if (proxy.type() == Proxy.Type.HTTP) {
            if (proxy.tls()) {
                b.socketFactory(new TlsProxySocketFactory(proxy.host(), proxy.port()));
            }
            if (proxy.hasCredentials()) {
                String basic = Credentials.basic(proxy.username(), proxy.password());
                b.proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null
                        ? null
                        : response.request().newBuilder().header("Proxy-Authorization", basic).build());
            }
        }
        return b.build();
    }

    private OkHttpClient base() {
        try {
            return base.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the upstream client was being built", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot build the upstream client", e.getCause());
        }
    }

    void close() {
        OkHttpClient b = base();
        b.dispatcher().executorService().shutdown();
        b.connectionPool().evictAll();
    }
}
