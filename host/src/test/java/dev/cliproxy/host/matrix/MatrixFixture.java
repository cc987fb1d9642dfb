package dev.cliproxy.host.matrix;

import dev.cliproxy.host.testing.TestProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;

/**
 * The real proxy configured with all four upstream kinds, each served by the one {@link FakeUpstreams} server.
 * Started once per test class.
 */
final class MatrixFixture implements AutoCloseable {

    static final String CLIENT_KEY = "matrix-client-key-0123456789";
    private static final AtomicInteger CASES = new AtomicInteger();

    final FakeUpstreams fake = new FakeUpstreams();
    final MockWebServer server = new MockWebServer();
    final TestProxy proxy;

    MatrixFixture() {
        this("");
    }

    /** A fixture whose config also holds {@code extraYaml}. */
    MatrixFixture(String extraYaml) {
        server.setDispatcher(fake);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = server.url("/").toString().replaceAll("/$", "");
        StringBuilder yaml = new StringBuilder("api-keys: [\"" + CLIENT_KEY + "\"]\n");
        for (UpstreamKind k : UpstreamKind.values()) {
            yaml.append(k.yaml(base));
        }
        proxy = TestProxy.start(yaml + extraYaml);
    }

    /** A fresh marker, unique in this JVM. */
    static String marker() {
        return "[case-" + CASES.incrementAndGet() + "]";
    }

    @Override
    public void close() {
        proxy.close();
        server.close();
    }
}
