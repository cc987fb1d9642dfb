package dev.cliproxy.host.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.config.ConfigLoader;
import dev.cliproxy.host.config.ProxyConfig;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/** The transport of proxied calls: OkHttp on a virtual thread, delivering on the I/O thread. */
class ThreadedTransportTest {

    private static XnioWorker worker;
    private static XnioIoThread thread;

    private final MockWebServer server = new MockWebServer();
    private final ProxyConfig config = ConfigLoader.parse("timeouts:\n  first-byte-seconds: 5\n", "config.yaml", null);
    private final OkHttpUpstreamHttp http = new OkHttpUpstreamHttp(() -> config);
    private final ThreadedTransport transport = new ThreadedTransport(http);

    @BeforeAll
    static void startWorker() throws IOException {
        worker = Xnio.getInstance().createWorker(OptionMap.builder().set(Options.WORKER_IO_THREADS, 1).getMap());
        thread = worker.getIoThread();
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    /** A long stream, 20 ms between events: plenty left to read when the test acts. */
    private void slowStream() throws IOException {
        server.enqueue(new MockResponse.Builder().chunkedBody("data: x\n\n".repeat(500), 9)
                .throttleBody(9, 20, TimeUnit.MILLISECONDS).build());
        server.start();
    }

    private RecordingReceiver send(Cancellation cancellation, java.util.function.Consumer<RecordingReceiver> onBody) {
        RecordingReceiver r = new RecordingReceiver(thread, onBody);
        transport.send(UpstreamHttpRequest.postJson(server.url("/s").toString(), Map.of(), "{}".getBytes(), "",
                cancellation), thread, r);
        return r;
    }

    @Test
    void aPausedCallFailsOnceWhenTheClientLeaves() throws Exception {
        slowStream();
        TriggeredCancellation cancellation = new TriggeredCancellation();
        CountDownLatch paused = new CountDownLatch(1);
        RecordingReceiver r = send(cancellation, x -> {
            x.flow.pause();
            paused.countDown();
        });
        assertTrue(paused.await(5, TimeUnit.SECONDS));

        cancellation.cancel();

        r.awaitFailure(); // no resume ever comes: the client's leaving alone ends the call
    }

    @Test
    void abortingFromInsideBodyEndsTheCallWithNoFurtherCallbacks() throws Exception {
        slowStream();
        CountDownLatch aborted = new CountDownLatch(1);
        RecordingReceiver r = send(Cancellation.NONE, x -> {
            x.flow.abort();
            aborted.countDown();
        });
        assertTrue(aborted.await(5, TimeUnit.SECONDS));
        Thread.sleep(300); // the stream goes on upstream; nothing of it may reach the receiver

        assertEquals(1, r.bodyCalls, "no body after the abort");
        assertEquals(0, r.terminals, "no end or failure after the abort");
        assertTrue(server.takeRequest(5, TimeUnit.SECONDS) != null);
    }
}
