package dev.cliproxy.host.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.CompatConfig;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code passthrough-headers}: useful upstream response headers reach the client; hop-by-hop and secrets never. */
class PassthroughHeadersEndToEndTest {

    private static final String KEY = "client-key-0123456789";

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer();

    private void start(boolean passthrough) {
        proxy.start(CompatConfig.withKeys(KEY, List.of("up-key-a"), "passthrough-headers: " + passthrough));
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
        proxy.upstream().enqueue(withUpstreamHeaders(ChatFixtures.ok("fine")));
        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false));
        assertEquals(200, r.statusCode(), r.body());
        assertRelayed(r.headers());
    }

    @Test
    void aStreamCarriesThemToo() {
        start(true);
        proxy.upstream().enqueue(withUpstreamHeaders(ChatFixtures.stream("fine")));
        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", true));
        assertEquals(200, r.statusCode(), r.body());
        assertRelayed(r.headers());
        assertEquals("no-cache", r.headers().firstValue("cache-control").orElse(null));
    }

    @Test
    void offByDefault() {
        start(false);
        proxy.upstream().enqueue(withUpstreamHeaders(ChatFixtures.ok("fine")));
        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("x-ratelimit-remaining-requests").isEmpty());
    }
}
