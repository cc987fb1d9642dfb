package dev.cliproxy.host.matrix;

import dev.cliproxy.host.testing.ProxyWithUpstream;
import dev.cliproxy.host.testing.TestProxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real proxy configured with all four upstream kinds, each served by the one {@link FakeUpstreams} server.
 * Register it on a static field with {@code @RegisterExtension}: it is started once per test class.
 */
final class MatrixFixture implements BeforeAllCallback, AfterAllCallback {

    static final String CLIENT_KEY = "matrix-client-key-0123456789";
    private static final AtomicInteger CASES = new AtomicInteger();

    final FakeUpstreams fake = new FakeUpstreams();
    private final ProxyWithUpstream proxyWithUpstream;

    MatrixFixture() {
        this("");
    }

    /** A fixture whose config also holds {@code extraYaml}. */
    MatrixFixture(String extraYaml) {
        StringBuilder yaml = new StringBuilder("api-keys: [\"" + CLIENT_KEY + "\"]\n");
        for (UpstreamKind k : UpstreamKind.values()) {
            yaml.append(k.yaml(ProxyWithUpstream.UPSTREAM));
        }
        yaml.append(extraYaml);
        proxyWithUpstream = ProxyWithUpstream.withMockWebServer(yaml.toString()).dispatcher(fake);
    }

    /** A fresh marker, unique in this JVM. */
    static String marker() {
        return "[case-" + CASES.incrementAndGet() + "]";
    }

    TestProxy proxy() {
        return proxyWithUpstream.proxy();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        proxyWithUpstream.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        proxyWithUpstream.afterAll(context);
    }
}
