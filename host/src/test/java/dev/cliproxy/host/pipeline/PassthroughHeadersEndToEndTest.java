package dev.cliproxy.host.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.TestProxy;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code passthrough-headers}: the upstream's useful response headers reach the client, hop-by-hop and secrets never. */
class PassthroughHeadersEndToEndTest {

    private static final String KEY = "client-key-0123456789";

    @StartStop
    private final MockWebServer upstream = new MockWebServer();

    private TestProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private void start(boolean passthrough) {
        proxy = TestProxy.start("""
                api-keys: ["%s"]
                passthrough-headers: %s
                openai-compatibility:
                  - name: fake
                    base-url: %s
                    api-key-entries:
                      - api-key: up-key-a
                    models:
                      - name: up-model
                        alias: m
                """.formatted(KEY, passthrough, upstream.url("/v1")));
    }

    private static MockResponse withUpstreamHeaders(MockResponse answer) {
        return answer.newBuilder().addHeader("x-ratelimit-remaining-requests", "42")
                .addHeader("openai-processing-ms", "17").addHeader("Set-Cookie", "sess=abc")
                .addHeader("x-request-id", "upstream-id").addHeader("cf-ray", "8f-AMS")
                .addHeader("x-session-token", "secret-value").addHeader("Keep-Alive", "timeout=5").build();
    }

    private static void assertRelayed(HttpHeaders h) {
        assertEquals("42", h.firstValue("x-ratelimit-remaining-requests").orElse(null));
        assertEquals("17", h.firstValue("openai-processing-ms").orElse(null));
        assertTrue(h.firstValue("set-cookie").isEmpty(), "cookies never");
        assertTrue(h.firstValue("cf-ray").isEmpty(), "gateway internals never");
        assertTrue(h.firstValue("x-session-token").isEmpty(), "secrets never");
        assertTrue(h.firstValue("keep-alive").isEmpty(), "hop-by-hop never");
        assertNotEquals("upstream-id", h.firstValue("x-request-id").orElseThrow(), "the proxy's own request id");
    }

    @Test
    void aWholeAnswerCarriesTheUpstreamsRateLimitHeaders() {
        start(true);
        upstream.enqueue(withUpstreamHeaders(ChatFixtures.ok("fine")));
        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false));
        assertEquals(200, r.statusCode(), r.body());
        assertRelayed(r.headers());
    }

    @Test
    void aStreamCarriesThemToo() {
        start(true);
        upstream.enqueue(withUpstreamHeaders(ChatFixtures.stream("fine")));
        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", true));
        assertEquals(200, r.statusCode(), r.body());
        assertRelayed(r.headers());
        assertEquals("no-cache", r.headers().firstValue("cache-control").orElse(null));
    }

    @Test
    void offByDefault() {
        start(false);
        upstream.enqueue(withUpstreamHeaders(ChatFixtures.ok("fine")));
        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("x-ratelimit-remaining-requests").isEmpty());
    }
}
