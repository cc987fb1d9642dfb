package dev.cliproxy.host.testing;

import dev.cliproxy.host.server.ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The end-to-end fixture: a fake upstream and a real proxy ({@link TestProxy}) whose config points at it, both
 * closed after the test. Register it with {@code @RegisterExtension}: on an instance field it serves one test, on a
 * static field the whole class.
 *
 * <p>Config templates are YAML in which {@value #UPSTREAM} stands for the upstream's base URL (scheme, host and
 * port, no trailing slash), e.g. {@code base-url: {upstream}/v1}. A fixture made with a template starts the proxy
 * before the test; one made without lets the test call {@link #start(String)} with the config it needs.
 *
 * <p>The upstream is either a {@link MockWebServer} (no Nagle delay; its recorded requests via
 * {@code upstream().takeRequest()}) or a {@link RawUpstream} whose script each test passes to
 * {@link #start(RawUpstream.Script, String)}.
 */
public final class ProxyWithUpstream implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    /** The placeholder for the upstream's base URL in config templates. */
    public static final String UPSTREAM = "{upstream}";

    private final MockWebServer mock;
    private final String template;
    private Clock clock = Clock.systemUTC();
    private RawUpstream raw;
    private TestProxy proxy;
    private boolean perClass;

    private ProxyWithUpstream(MockWebServer mock, String template) {
        this.mock = mock;
        this.template = template;
    }

    /** A MockWebServer upstream and a proxy started with {@code template} before each test (or the class). */
    public static ProxyWithUpstream withMockWebServer(String template) {
        return new ProxyWithUpstream(NoDelayServerSockets.mockWebServer(), Objects.requireNonNull(template));
    }

    /** A MockWebServer upstream; each test starts the proxy with {@link #start(String)}. */
    public static ProxyWithUpstream withMockWebServer() {
        return new ProxyWithUpstream(NoDelayServerSockets.mockWebServer(), null);
    }

    /** A scripted upstream; each test starts it and the proxy with {@link #start(RawUpstream.Script, String)}. */
    public static ProxyWithUpstream withRawUpstream() {
        return new ProxyWithUpstream(null, null);
    }

    /** Gives the proxy {@code clock} for cooldowns and expiries. */
    public ProxyWithUpstream clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Lets {@code dispatcher} answer the MockWebServer upstream's requests. */
    public ProxyWithUpstream dispatcher(Dispatcher dispatcher) {
        upstream().setDispatcher(dispatcher);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        open();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            open();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            closeAll();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeAll();
    }

    private void open() {
        if (mock != null) {
            try {
                mock.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (template != null) {
            start(template);
        }
    }

    /** Starts the proxy with {@code template} (replacing one already running) and returns it. */
    public TestProxy start(String template) {
        if (proxy != null) {
            proxy.close();
        }
        proxy = TestProxy.start(template.replace(UPSTREAM, upstreamBase()), clock);
        return proxy;
    }

    /** Starts the scripted upstream with {@code script}, then the proxy with {@code template}. */
    public TestProxy start(RawUpstream.Script script, String template) {
        if (mock != null) {
            throw new IllegalStateException("this fixture's upstream is a MockWebServer");
        }
        if (raw != null) {
            raw.close();
        }
        raw = RawUpstream.start(script);
        return start(template);
    }

    private String upstreamBase() {
        return mock != null ? mock.url("/").toString().replaceAll("/$", "") : rawUpstream().url("");
    }

    /** The running proxy. */
    public TestProxy proxy() {
        if (proxy == null) {
            throw new IllegalStateException("the proxy has not been started");
        }
        return proxy;
    }

    /** The MockWebServer upstream, for canned answers and the requests it received. */
    public MockWebServer upstream() {
        if (mock == null) {
            throw new IllegalStateException("this fixture's upstream is scripted: use rawUpstream()");
        }
        return mock;
    }

    /** The scripted upstream of the current test, with the requests it received. */
    public RawUpstream rawUpstream() {
        if (raw == null) {
            throw new IllegalStateException("no scripted upstream: use start(script, template)");
        }
        return raw;
    }

    /** See {@link TestProxy#request}. */
    public HttpRequest.Builder request(String path) {
        return proxy().request(path);
    }

    /** See {@link TestProxy#post}. */
    public HttpResponse<String> post(String path, String key, String json) {
        return proxy().post(path, key, json);
    }

    /** See {@link TestProxy#get}. */
    public HttpResponse<String> get(String path, String key) {
        return proxy().get(path, key);
    }

    /** See {@link TestProxy#send}. */
    public HttpResponse<String> send(HttpRequest request) {
        return proxy().send(request);
    }

    /** See {@link TestProxy#client}. */
    public HttpClient client() {
        return proxy().client();
    }

    /** See {@link TestProxy#server}. */
    public ProxyServer server() {
        return proxy().server();
    }

    /** See {@link TestProxy#dir}. */
    public Path dir() {
        return proxy().dir();
    }

    /** See {@link TestProxy#reload}: the new config is a template too. */
    public void reload(String template) {
        proxy().reload(template.replace(UPSTREAM, upstreamBase()));
    }

    private void closeAll() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        if (raw != null) {
            raw.close();
            raw = null;
        }
        if (mock != null) {
            mock.close();
        }
    }
}
