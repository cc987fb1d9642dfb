package dev.cliproxy.host.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.testing.ProxyWithUpstream;
import dev.cliproxy.host.testing.RawUpstream;
import dev.cliproxy.host.testing.TestProxy;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reverse proxy of Amp's own routes, through the real server. */
class AmpReverseProxyTest {

    private static final String KEY = "amp-proxy-client-key-1";

    /** Amp as a MockWebServer, with the answers each test enqueues. */
    @RegisterExtension
    final ProxyWithUpstream amp = ProxyWithUpstream.withMockWebServer();
    /** Amp as a scripted upstream. */
    @RegisterExtension
    final ProxyWithUpstream rawAmp = ProxyWithUpstream.withRawUpstream();

    private static String config(String upstreamUrl, boolean restrict) {
        return """
                api-keys: ["%s"]
                ampcode:
                  upstream-url: "%s"
                  upstream-api-key: amp-default-key
                  restrict-management-to-localhost: %s
                """.formatted(KEY, upstreamUrl, restrict);
    }

    private static MockResponse ok() {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"ok\":true}").build();
    }

    @Test
    void streamsPassThroughAsTheyArrive() throws Exception {
        CountDownLatch firstEventSeen = new CountDownLatch(1);
        TestProxy proxy = rawAmp.start((request, out, connection) -> {
            RawUpstream.sseHead(out);
            RawUpstream.chunk(out, "data: one\n\n");
            boolean released = firstEventSeen.await(20, TimeUnit.SECONDS);
            RawUpstream.chunk(out, released ? "data: two\n\n" : "data: held-back\n\n");
            RawUpstream.lastChunk(out);
        }, config(ProxyWithUpstream.UPSTREAM, false));

        HttpResponse<InputStream> r = proxy.client().send(proxy.request("/api/threads/T-1/stream")
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofInputStream());

        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertEquals("data: one", lines.readLine(), "the first event arrives before the upstream goes on");
            firstEventSeen.countDown();
            assertEquals("", lines.readLine());
            assertEquals("data: two", lines.readLine());
        }
    }

    @Test
    void anUpstreamThatBreaksOffCutsTheClientsAnswerOff() {
        TestProxy proxy = rawAmp.start((request, out, connection) -> {
            RawUpstream.sseHead(out);
            RawUpstream.chunk(out, "data: one\n\n");
        }, config(ProxyWithUpstream.UPSTREAM, false));

        assertThrows(UncheckedIOException.class, () -> proxy.get("/api/threads/T-1/stream", KEY),
                "the client sees a broken answer, not a complete one");
    }

    @Test
    void anUnreachableUpstreamIs502() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        TestProxy proxy = amp.start(config("http://127.0.0.1:" + closedPort, false));
        HttpResponse<String> r = proxy.get("/api/user", KEY);
        assertEquals(502, r.statusCode());
        assertEquals("{\"error\":\"amp_upstream_proxy_error\",\"message\":\"Failed to reach Amp upstream\"}",
                r.body());
        HttpResponse<String> model = proxy.post("/api/provider/openai/v1/chat/completions", KEY,
                "{\"model\":\"not-local\",\"messages\":[]}");
        assertEquals(502, model.statusCode(), "a model call for Amp fails the same way");
    }

    @Test
    void withoutAnUpstreamTheProxiedRoutesAre503AndUnknownModelsAre404() {
        TestProxy proxy = amp.start(config("", false));
        for (String path : List.of("/api/user", "/auth/cli-login", "/threads", "/news.rss")) {
            HttpResponse<String> r = proxy.get(path, KEY);
            assertEquals(503, r.statusCode(), path);
            assertEquals("{\"error\":\"amp upstream proxy not available\"}", r.body());
        }
        assertEquals(404, proxy.post("/api/provider/openai/v1/chat/completions", KEY,
                "{\"model\":\"not-local\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode());
    }

    @Test
    void restrictManagementToLocalhostRefusesCallersThatAreNotThisMachine() {
        for (int i = 0; i < 3; i++) {
            amp.upstream().enqueue(ok());
        }
        TestProxy proxy = amp.start(config(ProxyWithUpstream.UPSTREAM, true));
        HttpResponse<String> remote = proxy.send(proxy.request("/api/user").header("Authorization",
                "Bearer " + KEY).header("X-Forwarded-For", "203.0.113.7").GET().build());
        assertEquals(403, remote.statusCode());
        assertEquals("{\"error\":\"Access denied: management routes restricted to localhost\"}", remote.body());
        assertEquals(200, proxy.get("/api/user", KEY).statusCode(), "this machine is served");

        amp.reload(config(ProxyWithUpstream.UPSTREAM, false));
        assertEquals(200, proxy.send(proxy.request("/api/user").header("Authorization", "Bearer " + KEY)
                .header("X-Forwarded-For", "203.0.113.7").GET().build()).statusCode());
        assertEquals(2, amp.upstream().getRequestCount());
    }

    @Test
    void apiRoutesNeedAClientKeyAndTheBrowserPagesOnlyAllowReading() {
        amp.upstream().enqueue(ok());
        TestProxy proxy = amp.start(config(ProxyWithUpstream.UPSTREAM, false));
        assertEquals(401, proxy.get("/api/user", null).statusCode());
        assertEquals(401, proxy.get("/threads.rss", "wrong-key").statusCode());
        int post = proxy.post("/threads", null, "{}").statusCode();
        assertTrue(post == 404 || post == 405, "writing to a browser page is not proxied: " + post);
        assertEquals(404, proxy.get("/threadsx", null).statusCode(), "only whole path segments match");
        assertEquals(200, proxy.get("/threads/T-1", null).statusCode());
        assertEquals(1, amp.upstream().getRequestCount());
    }

    @Test
    void proxiedRoutesRefuseCorsPreflightsAndCarryNoCorsHeaders() {
        amp.upstream().enqueue(new MockResponse.Builder().code(200).addHeader("Access-Control-Allow-Origin", "*")
                .body("{}").build());
        TestProxy proxy = amp.start(config(ProxyWithUpstream.UPSTREAM, false));
        assertEquals(403, proxy.send(proxy.request("/api/user").method("OPTIONS",
                HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example").build()).statusCode());
        HttpResponse<String> r = proxy.get("/api/user", KEY);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), r.headers().toString());
        assertTrue(proxy.get("/v1/models", KEY).headers().firstValue("Access-Control-Allow-Origin").isPresent(),
                "the model API keeps its CORS");
    }

    @Test
    void relaysStatusHeadersAndRedirectsAsTheUpstreamSentThem() throws Exception {
        amp.upstream().enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/auth/sign-in?next=%2F")
                .addHeader("Set-Cookie", "a=1; Path=/").addHeader("Set-Cookie", "b=2; Path=/").build());
        Buffer gzipped = new Buffer();
        try (GZIPOutputStream gz = new GZIPOutputStream(gzipped.outputStream())) {
            gz.write("{\"compressed\":false}".getBytes(StandardCharsets.UTF_8));
        }
        amp.upstream().enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .addHeader("Content-Encoding", "gzip").body(gzipped).build());
        TestProxy proxy = amp.start(config(ProxyWithUpstream.UPSTREAM, false));
        HttpResponse<String> r = proxy.send(proxy.request("/auth/callback?code=x").header("Cookie", "s=1")
                .header("Cookie", "t=2").GET().build());
        assertEquals(302, r.statusCode(), "redirects reach the browser, not followed by the proxy");
        assertEquals("/auth/sign-in?next=%2F", r.headers().firstValue("Location").orElseThrow());
        assertEquals(List.of("a=1; Path=/", "b=2; Path=/"), r.headers().allValues("Set-Cookie"));
        String cookies = amp.upstream().takeRequest().getHeaders().get("Cookie");
        assertTrue(cookies.contains("s=1") && cookies.contains("t=2"), cookies);

        HttpResponse<String> plain = proxy.get("/api/meta", KEY);
        assertEquals("{\"compressed\":false}", plain.body());
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
    }
}
