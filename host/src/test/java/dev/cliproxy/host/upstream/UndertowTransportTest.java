package dev.cliproxy.host.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.config.ConfigLoader;
import dev.cliproxy.host.config.ProxyConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

class UndertowTransportTest {

    private static XnioWorker worker;
    private static XnioIoThread thread;

    private final MockWebServer server = new MockWebServer();
    private UndertowTransport transport;

    @BeforeAll
    static void startWorker() throws IOException {
        worker = Xnio.getInstance().createWorker(OptionMap.builder().set(Options.WORKER_IO_THREADS, 2).getMap());
        thread = worker.getIoThread();
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    @BeforeEach
    void newTransport() {
        transport = new UndertowTransport(() -> config(5));
    }

    private void replaceTransport(UndertowTransport other) {
        transport.close();
        transport = other;
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    private static ProxyConfig config(int firstByteSeconds) {
        return ConfigLoader.parse("timeouts:\n  connect-seconds: 5\n  first-byte-seconds: " + firstByteSeconds + "\n",
                "config.yaml", null);
    }

    private RecordingReceiver send(String path) {
        return send(post(path, null));
    }

    private UpstreamHttpRequest post(String path, Cancellation cancellation) {
        return UpstreamHttpRequest.postJson(server.url(path).toString(), Map.of(), "{}".getBytes(), "", cancellation);
    }

    /** Sends to {@code path} and cancels the call once its first body bytes are in. */
    private RecordingReceiver cancelAfterFirstBytes(String path) throws InterruptedException {
        TriggeredCancellation cancellation = new TriggeredCancellation();
        CountDownLatch firstBytes = new CountDownLatch(1);
        RecordingReceiver r = send(post(path, cancellation), x -> firstBytes.countDown());
        assertTrue(firstBytes.await(5, TimeUnit.SECONDS));
        cancellation.cancel();
        return r.awaitFailure();
    }

    private RecordingReceiver send(UpstreamHttpRequest request) {
        return send(request, r -> { });
    }

    private RecordingReceiver send(UpstreamHttpRequest request, Consumer<RecordingReceiver> onBody) {
        RecordingReceiver r = new RecordingReceiver(thread, onBody);
        transport.send(request, thread, r);
        return r;
    }

    @Test
    void deliversWholeJsonAnswerWithHeadersOnceOnTheIoThread() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .addHeader("X-Request-Id", "r1").body("{\"ok\":true}").build());
        server.start();

        RecordingReceiver r = send("/v1/chat?x=1").awaitEnd();

        assertEquals(200, r.status);
        assertEquals(List.of("application/json"), r.headers.get("content-type"));
        assertEquals(List.of("r1"), r.headers.get("X-Request-Id"));
        assertEquals("{\"ok\":true}", r.text());
        RecordedRequest recorded = server.takeRequest();
        assertEquals("POST /v1/chat?x=1 HTTP/1.1", recorded.getRequestLine());
        assertEquals("{}", recorded.getBody().utf8());
        assertEquals("cli-proxy-api", recorded.getHeaders().get("User-Agent"));
        assertEquals(server.getHostName() + ":" + server.getPort(), recorded.getHeaders().get("Host"));
    }

    @Test
    void deliversChunkedEventStreamAsSeveralBodyCallsBeforeEnd() throws Exception {
        String events = "data: {\"n\":1}\n\n" + "data: {\"n\":2}\n\n" + "data: {\"n\":3}\n\n"
                + "data: [DONE]\n\n";
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .chunkedBody(events, 16).throttleBody(16, 50, TimeUnit.MILLISECONDS).build());
        server.start();

        RecordingReceiver r = send("/stream").awaitEnd();

        assertEquals(events, r.text());
        assertTrue(r.bodyCalls > 1, "body calls: " + r.bodyCalls);
    }

    @Test
    void deliversNonSuccessStatusWithItsBody() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).body("{\"error\":\"slow down\"}").build());
        server.start();

        RecordingReceiver r = send("/busy").awaitEnd();

        assertEquals(429, r.status);
        assertEquals("{\"error\":\"slow down\"}", r.text());
    }

    @Test
    void reusesOneKeepAliveConnectionForSequentialCalls() throws Exception {
        server.enqueue(new MockResponse.Builder().body("one").build());
        server.enqueue(new MockResponse.Builder().body("two").build());
        server.start();

        assertEquals("one", send("/a").awaitEnd().text());
        assertEquals("two", send("/b").awaitEnd().text());

        RecordedRequest first = server.takeRequest();
        RecordedRequest second = server.takeRequest();
        assertEquals(first.getConnectionIndex(), second.getConnectionIndex());
        assertEquals(1, second.getExchangeIndex());
    }

    /**
     * Serves HTTPS offering HTTP/2 and HTTP/1.1, and lets the transport trust the server's certificate and offer
     * HTTP/2 when {@code http2}.
     */
    private void useHttps(boolean http2) throws IOException {
        HeldCertificate cert = new HeldCertificate.Builder()
                .addSubjectAlternativeName(InetAddress.getByName("localhost").getCanonicalHostName()).build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert).build().sslSocketFactory());
        server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
        replaceTransport(new UndertowTransport(() -> config(5),
                new HandshakeCertificates.Builder().addTrustedCertificate(cert.certificate()).build().sslContext(),
                http2));
    }

    @Test
    void negotiatesHttp2OverTlsAndSharesOneConnectionBetweenConcurrentCalls() throws Exception {
        useHttps(true);
        server.enqueue(new MockResponse.Builder().body("first").build());
        server.enqueue(new MockResponse.Builder().body("second").build());
        server.start();

        RecordingReceiver a = send("/a");
        RecordingReceiver b = send("/b");

        assertEquals("firstsecond", sortedConcat(a.awaitEnd().text(), b.awaitEnd().text()));
        RecordedRequest first = server.takeRequest();
        RecordedRequest second = server.takeRequest();
        assertNotNull(first.getHandshake());
        assertEquals("HTTP/2", first.getVersion());
        assertEquals("HTTP/2", second.getVersion());
        assertEquals(first.getConnectionIndex(), second.getConnectionIndex());
    }

    private static String sortedConcat(String x, String y) {
        return x.compareTo(y) < 0 ? x + y : y + x;
    }

    @Test
    void rejectsCertificateForAnotherHost() throws Exception {
        HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("elsewhere.example").build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert).build().sslSocketFactory());
        server.start();
        replaceTransport(new UndertowTransport(() -> config(5),
                new HandshakeCertificates.Builder().addTrustedCertificate(cert.certificate()).build().sslContext()));

        RecordingReceiver r = send("/a").awaitFailure();

        assertNotNull(r.error);
    }

    @Test
    void readsBodyDelimitedByTheConnectionClosing() throws Exception {
        server.enqueue(new MockResponse.Builder().body("until close").removeHeader("Content-Length")
                .addHeader("Connection", "close").onResponseEnd(new SocketEffect.CloseSocket(true, false, false))
                .build());
        server.start();

        assertEquals("until close", send("/c").awaitEnd().text());
    }

    @Test
    void failsWhenUpstreamBreaksOffMidBody() throws Exception {
        server.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(randomBytes(64 * 1024)))
                .onResponseBody(new SocketEffect.CloseSocket(true, false, false)).build());
        server.start();

        RecordingReceiver r = send("/cut").awaitFailure();

        assertEquals(200, r.status);
        assertTrue(r.bytes().length < 64 * 1024);
    }

    @Test
    void failsWhenUpstreamRefusesTheConnection() throws Exception {
        server.start();
        String url = server.url("/gone").toString();
        server.close();

        RecordingReceiver r = send(UpstreamHttpRequest.postJson(url, Map.of(), "{}".getBytes(), "", null)).awaitFailure();

        assertTrue(r.error.getMessage().startsWith("cannot connect to upstream"), r.error.getMessage());
    }

    @Test
    void failsWithInterruptedIOExceptionWhenHeadersDoNotArriveInTime() throws Exception {
        server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("late").build());
        server.start();
        replaceTransport(new UndertowTransport(() -> config(1)));

        RecordingReceiver r = send("/slow").awaitFailure();

        assertInstanceOf(InterruptedIOException.class, r.error);
        assertEquals("no response from upstream within 1 s", r.error.getMessage());
    }

    @Test
    void cancellationMidStreamFailsOnceClosesTheConnectionAndLaterCallsWork() throws Exception {
        server.enqueue(new MockResponse.Builder().chunkedBody("data: x\n\n".repeat(200), 9)
                .throttleBody(9, 20, TimeUnit.MILLISECONDS).build());
        server.enqueue(new MockResponse.Builder().body("after").build());
        server.start();

        RecordingReceiver r = cancelAfterFirstBytes("/s");

        assertEquals("cancelled", r.error.getMessage());
        assertEquals("after", send("/next").awaitEnd().text());
        server.takeRequest();
        assertNotEquals(0, server.takeRequest().getConnectionIndex());
        r.assertOneTerminal();
    }

    @Test
    void cancellingACallWaitingForItsAnswerClosesItsConnectionAtOnce() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            TriggeredCancellation cancellation = new TriggeredCancellation();
            RecordingReceiver r = send(UpstreamHttpRequest.postJson("http://127.0.0.1:" + silent.getLocalPort() + "/x",
                    Map.of(), "{}".getBytes(), "", cancellation));
            try (java.net.Socket accepted = silent.accept()) {
                accepted.setSoTimeout(2000);
                java.io.InputStream in = accepted.getInputStream();
                byte[] head = new byte[4096];
                int n = in.read(head); // the request arrives; no answer is ever sent
                assertTrue(n > 0);
                long cancelledAt = System.nanoTime();
                cancellation.cancel();
                assertEquals("cancelled", r.awaitFailure().error.getMessage());
                while (in.read(head) >= 0) {
                    // nothing more is sent; end of stream (or a reset) is the close
                }
                assertTrue(System.nanoTime() - cancelledAt < TimeUnit.MILLISECONDS.toNanos(500),
                        "the upstream saw the connection close within half a second");
            }
        }
    }

    @Test
    void cancellingOneHttp2StreamKeepsTheSharedConnectionServing() throws Exception {
        useHttps(true);
        server.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(randomBytes(64 * 1024)))
                .throttleBody(1024, 20, TimeUnit.MILLISECONDS).build());
        server.enqueue(new MockResponse.Builder().body("after").build());
        server.start();

        assertEquals("cancelled", cancelAfterFirstBytes("/s").error.getMessage());
        assertEquals("after", send("/next").awaitEnd().text());
        assertEquals(server.takeRequest().getConnectionIndex(), server.takeRequest().getConnectionIndex());
    }

    @Test
    void pausedCallOverHttpsDoesNotHoldUpAConcurrentCall() throws Exception {
        useHttps(false);
        byte[] payload = randomBytes(512 * 1024);
        server.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(payload)).build());
        server.enqueue(new MockResponse.Builder().body("meanwhile").build());
        server.start();
        CountDownLatch paused = new CountDownLatch(1);

        RecordingReceiver big = send(post("/big", null), x -> {
            if (x.bodyCalls == 1) {
                x.flow.pause();
                paused.countDown();
            }
        });
        assertTrue(paused.await(5, TimeUnit.SECONDS));
        assertEquals("meanwhile", send("/small").awaitEnd().text());
        thread.execute(() -> big.flow.resume());

        assertArrayEquals(payload, big.awaitEnd().bytes());
        RecordedRequest first = server.takeRequest();
        assertEquals("HTTP/1.1", first.getVersion());
        assertNotEquals(first.getConnectionIndex(), server.takeRequest().getConnectionIndex());
    }

    @Test
    void closeFailsCallsInFlight() throws Exception {
        server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("late").build());
        server.start();

        RecordingReceiver r = send("/slow");
        server.takeRequest();
        transport.close();

        assertEquals("upstream transport closed", r.awaitFailure().error.getMessage());
    }

    @Test
    void opensNewConnectionAfterAnAnswerThatClosesItsConnection() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Connection", "close").body("one").build());
        server.enqueue(new MockResponse.Builder().body("two").build());
        server.start();

        assertEquals("one", send("/a").awaitEnd().text());
        assertEquals("two", send("/b").awaitEnd().text());

        assertNotEquals(server.takeRequest().getConnectionIndex(), server.takeRequest().getConnectionIndex());
    }

    @Test
    void pauseStopsBodyDeliveryUntilResume() throws Exception {
        byte[] payload = randomBytes(200 * 1024);
        server.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(payload)).build());
        server.start();
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch moreWhilePaused = new CountDownLatch(1);

        RecordingReceiver r = send(post("/big", null), x -> {
            if (x.bodyCalls == 1) {
                x.flow.pause();
                paused.countDown();
            } else if (paused.getCount() == 0 && !x.resumed) {
                moreWhilePaused.countDown();
            }
        });
        assertTrue(paused.await(5, TimeUnit.SECONDS));
        assertFalse(moreWhilePaused.await(200, TimeUnit.MILLISECONDS), "body delivered while paused");
        thread.execute(() -> {
            r.resumed = true;
            r.flow.resume();
        });

        assertArrayEquals(payload, r.awaitEnd().bytes());
    }

    @Test
    void abortFromInsideBodyEndsTheCallWithoutFurtherCallbacks() throws Exception {
        server.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(randomBytes(200 * 1024))).build());
        server.enqueue(new MockResponse.Builder().body("fresh").build());
        server.start();
        CountDownLatch aborted = new CountDownLatch(1);

        RecordingReceiver r = send(post("/big", null), x -> {
            x.flow.abort();
            aborted.countDown();
        });
        assertTrue(aborted.await(5, TimeUnit.SECONDS));

        assertEquals("fresh", send("/next").awaitEnd().text());
        assertEquals(1, r.bodyCalls);
        assertEquals(0, r.terminals);
        server.takeRequest();
        assertNotEquals(0, server.takeRequest().getConnectionIndex());
    }

    @Test
    void sendsMegabyteRequestBodyIntact() throws Exception {
        byte[] body = randomBytes(1024 * 1024);
        server.enqueue(new MockResponse.Builder().body("got it").build());
        server.start();

        RecordingReceiver r = send(new UpstreamHttpRequest("POST", server.url("/upload").toString(),
                Map.of("Content-Type", "application/octet-stream"), body, "", null)).awaitEnd();

        assertEquals("got it", r.text());
        assertArrayEquals(body, server.takeRequest().getBody().toByteArray());
    }

    @Test
    void retriesOnceOnNewConnectionWhenReusedConnectionWasClosedByUpstream() throws Exception {
        try (StaleConnectionUpstream upstream = new StaleConnectionUpstream()) {
            String url = "http://127.0.0.1:" + upstream.port() + "/x";
            UpstreamHttpRequest request = UpstreamHttpRequest.postJson(url, Map.of(), "{}".getBytes(), "", null);

            assertEquals("first", send(request).awaitEnd().text());
            assertEquals("second", send(request).awaitEnd().text());
            assertEquals(2, upstream.connections());
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /**
     * Answers one request on its first connection, keeps it open until the next request arrives, then closes it
     * without answering (as a server does that drops an idle keep-alive connection just as a request comes in),
     * and answers on the next connection.
     */
    private static final class StaleConnectionUpstream implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final Thread acceptor = Thread.ofPlatform().daemon().start(this::serve);
        private volatile int connections;

        StaleConnectionUpstream() throws IOException {
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections;
        }

        private void serve() {
            try (Socket first = socket.accept()) {
                connections++;
                InputStream in = first.getInputStream();
                readRequest(in);
                answer(first.getOutputStream(), "first");
                readRequest(in);
                first.setSoLinger(true, 0);
            } catch (IOException e) {
                return;
            }
            try (Socket second = socket.accept()) {
                connections++;
                readRequest(second.getInputStream());
                answer(second.getOutputStream(), "second");
            } catch (IOException e) {
                // the test fails on its own assertions
            }
        }

        /** Reads a request with a {@code Content-Length: 2} body. */
        private static void readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("closed");
                }
                head.append((char) c);
            }
            in.readNBytes(2);
        }

        private static void answer(OutputStream out, String body) throws IOException {
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

}
