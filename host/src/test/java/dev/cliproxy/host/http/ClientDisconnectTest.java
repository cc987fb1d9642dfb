package dev.cliproxy.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.metrics.Await;
import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import dev.cliproxy.host.testing.RawUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that goes away cancels its upstream call at once, even while the upstream is silent: the fake upstream
 * observes its connection closing within a second. Clients here speak raw HTTP/1.1 over a socket, as SDKs do.
 */
class ClientDisconnectTest {

    private static final String KEY = "client-key-0123456789";

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withRawUpstream();

    private void startProxy(RawUpstream.Script script) {
        proxy.start(script, """
                api-keys: ["%s"]
                openai-compatibility:
                  - name: fake
                    base-url: {upstream}/v1
                    api-key-entries:
                      - api-key: up-key-000000000001
                    models:
                      - name: up-model
                        alias: m
                """.formatted(KEY));
    }

    private Socket client(boolean stream) throws IOException {
        Socket s = new Socket("127.0.0.1", proxy.server().port());
        byte[] body = ChatFixtures.request("m", stream).getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return s;
    }

    private void assertUpstreamClosedWithinASecond(long clientClosedAt) throws InterruptedException {
        assertTrue(proxy.rawUpstream().awaitClosed(1, TimeUnit.SECONDS), "upstream connection still open after 1 s");
        long millis = (proxy.rawUpstream().closedAtNanos() - clientClosedAt) / 1_000_000;
        System.out.printf("%s: upstream saw its connection close %d ms after the client left%n",
                Thread.currentThread().getStackTrace()[2].getMethodName(), millis);
    }

    @Test
    void cancelsASilentUpstreamWhenTheClientLeavesBeforeAnyAnswer() throws Exception {
        startProxy((request, out, connection) -> connection.awaitPeerClose());
        Socket client = client(false);
        assertTrue(proxy.rawUpstream().awaitRequest(5, TimeUnit.SECONDS));

        long leftAt = System.nanoTime();
        client.close();
        assertUpstreamClosedWithinASecond(leftAt);
    }

    @Test
    void cancelsAStreamWaitingForItsFirstEventWhenTheClientLeaves() throws Exception {
        startProxy((request, out, connection) -> {
            RawUpstream.sseHead(out);
            connection.awaitPeerClose();
        });
        Socket client = client(true);
        assertTrue(proxy.rawUpstream().awaitRequest(5, TimeUnit.SECONDS));

        long leftAt = System.nanoTime();
        client.close();
        assertUpstreamClosedWithinASecond(leftAt);
    }

    @Test
    void cancelsAStreamMidwayWhenTheClientLeavesWhileTheUpstreamIsSilent() throws Exception {
        startProxy((request, out, connection) -> {
            RawUpstream.sseHead(out);
            RawUpstream.chunk(out, "data: " + ChatFixtures.chunk("{\"role\":\"assistant\",\"content\":\"Hel\"}",
                    null) + "\n\n");
            connection.awaitPeerClose();
        });
        Socket client = client(true);
        InputStream in = client.getInputStream();
        String line;
        while ((line = RawUpstream.readLine(in)) != null && !line.contains("Hel")) {
            // headers and chunk sizes until the first event arrives
        }
        assertTrue(line != null, "the first event reached the client");

        long leftAt = System.nanoTime();
        client.close();
        assertUpstreamClosedWithinASecond(leftAt);
    }

    @Test
    void aClientLeavingRightAfterTheTerminalEventWasServedNotCutOff() throws Exception {
        // Codex CLI closes its connection as soon as response.completed arrives, often before the upstream ends.
        startProxy((request, out, connection) -> {
            RawUpstream.sseHead(out);
            RawUpstream.chunk(out, "data: " + ChatFixtures.chunk("{\"role\":\"assistant\",\"content\":\"Hi\"}",
                    "\"stop\"") + "\n\ndata: [DONE]\n\n");
            connection.awaitPeerClose();
        });
        Socket client = client(true);
        InputStream in = client.getInputStream();
        String line;
        while ((line = RawUpstream.readLine(in)) != null && !line.contains("[DONE]")) {
            // until the terminal event
        }
        assertTrue(line != null, "the terminal event reached the client");
        client.close();
        assertTrue(proxy.rawUpstream().awaitClosed(5, TimeUnit.SECONDS), "the upstream call ended");

        String served = "cliproxy_requests_total{format=\"openai-chat\",model=\"m\",provider=\"openai-compat\","
                + "route=\"/v1/chat/completions\",status=\"2xx\"} 1.0";
        String metrics = Await.until(() -> proxy.get("/metrics", null).body(), m -> m.contains(served));
        assertTrue(metrics.contains(served), metrics);
    }

    @Test
    void keepsAnIdleKeepAliveConnectionOpenForTheNextRequest() throws Exception {
        startProxy((request, out, connection) -> {
            byte[] body = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"up-model\","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                    + "\"finish_reason\":\"stop\"}]}").getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        });
        try (Socket client = client(false)) {
            InputStream in = client.getInputStream();
            assertEquals("HTTP/1.1 200 OK", RawUpstream.readLine(in));
            int length = 0;
            String h;
            while (!(h = RawUpstream.readLine(in)).isEmpty()) {
                if (h.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
            }
            in.readNBytes(length);

            client.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, in::read, "the proxy keeps the idle connection open");
            client.setSoTimeout(5000);
            byte[] body = ChatFixtures.request("m", false).getBytes(StandardCharsets.UTF_8);
            client.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().write(body);
            assertEquals("HTTP/1.1 200 OK", RawUpstream.readLine(in), "the second request on the same connection");
        }
    }
}
