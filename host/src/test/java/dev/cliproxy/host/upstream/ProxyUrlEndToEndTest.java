package dev.cliproxy.host.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.KeyedDispatcher;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code proxy-url}, global and per credential, through real loopback HTTP and SOCKS5 proxies with credentials. */
class ProxyUrlEndToEndTest {

    private static final String KEY = "client-key-0123456789";
    private static final String UP_A = "up-key-a-00000000001";
    private static final String UP_B = "up-key-b-00000000002";

    private final KeyedDispatcher keys = new KeyedDispatcher();
    private FakeHttpProxy httpProxy;
    private FakeSocks5Proxy socksProxy;

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer().dispatcher(keys);

    @BeforeEach
    void start() throws Exception {
        keys.on(UP_A, () -> ChatFixtures.ok("via a")).on(UP_B, () -> ChatFixtures.ok("via b"));
        httpProxy = new FakeHttpProxy("alice", "s3cret:pw");
        socksProxy = new FakeSocks5Proxy("bob", "s0cks-pw");
    }

    @AfterEach
    void stop() throws Exception {
        httpProxy.close();
        socksProxy.close();
    }

    private String config(String globalProxy, String proxyA, String proxyB) {
        return """
                api-keys: ["%s"]
                proxy-url: "%s"
                routing: {strategy: fill-first}
                openai-compatibility:
                  - name: fake
                    base-url: {upstream}/v1
                    api-key-entries:
                      - api-key: %s
                        proxy-url: "%s"
                      - api-key: %s
                        proxy-url: "%s"
                    models:
                      - name: up-model
                        alias: m
                """.formatted(KEY, globalProxy, UP_A, proxyA, UP_B, proxyB);
    }

    private String httpProxyUrl() {
        return "http://alice:s3cret%3Apw@127.0.0.1:" + httpProxy.port();
    }

    private HttpResponse<String> ask() {
        return proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false));
    }

    @Test
    void globalHttpProxyWithCredentialsCarriesTheRequest() {
        proxy.start(config(httpProxyUrl(), "", ""));

        HttpResponse<String> r = ask();

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("via a"));
        assertEquals(1, httpProxy.relayed(), "the request went through the HTTP proxy");
        assertEquals(1, keys.hits(UP_A));
    }

    @Test
    void perCredentialSocks5ProxyWithCredentialsCarriesTheRequest() {
        proxy.start(config("", "socks5://bob:s0cks-pw@127.0.0.1:" + socksProxy.port(), ""));

        HttpResponse<String> r = ask();

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, socksProxy.tunnels(), "the request went through the SOCKS5 proxy");
        assertEquals(0, socksProxy.authFailures());
        assertEquals(0, httpProxy.relayed());
    }

    @Test
    void directOnACredentialBypassesTheGlobalProxy() {
        proxy.start(config("http://127.0.0.1:1", "direct", ""));

        assertEquals(200, ask().statusCode());
        assertEquals(1, keys.hits(UP_A), "reached the upstream although the global proxy is dead");
    }

    @Test
    void aProxyChangeAppliesToTheNextRequest() {
        proxy.start(config("", "", ""));
        assertEquals(200, ask().statusCode());
        assertEquals(0, httpProxy.relayed());

        proxy.reload(config(httpProxyUrl(), "", ""));
        assertEquals(200, ask().statusCode());
        assertEquals(1, httpProxy.relayed(), "the next request used the new proxy");

        proxy.reload(config("", "", ""));
        assertEquals(200, ask().statusCode());
        assertEquals(1, httpProxy.relayed(), "and stopped using it once removed");
    }

    @Test
    void aCredentialWhoseProxyRejectsItFailsOverToTheNext() {
        proxy.start(config("", "socks5://bob:wrong@127.0.0.1:" + socksProxy.port(), ""));

        HttpResponse<String> r = ask();

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("via b"), "served by the second key: " + r.body());
        assertTrue(socksProxy.authFailures() >= 1);
        assertEquals(0, keys.hits(UP_A));
    }
}
