package dev.cliproxy.host.upstream;

import dev.cliproxy.host.testing.LoopbackServer;
import dev.cliproxy.host.testing.RawUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal forward HTTP proxy on loopback for tests: absolute-form requests ({@code POST http://host:port/path}),
 * Basic proxy authentication (407 without it), one request per connection, relayed byte for byte.
 */
final class FakeHttpProxy implements AutoCloseable {

    private final LoopbackServer server;
    private final String expectedAuth;
    private final AtomicInteger relayed = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();

    FakeHttpProxy(String user, String password) throws IOException {
        this.expectedAuth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        this.server = new LoopbackServer(this::serve);
    }

    int port() {
        return server.port();
    }

    /** Requests forwarded to their target. */
    int relayed() {
        return relayed.get();
    }

    /** Requests answered 407. */
    int rejected() {
        return rejected.get();
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            RawUpstream.Request r;
            while ((r = RawUpstream.readRequest(in)) != null) {
                if (!expectedAuth.equals(r.headers().get("proxy-authorization"))) {
                    rejected.incrementAndGet();
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"t\"\r\n"
                            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                relay(r, out);
                return;
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private void relay(RawUpstream.Request r, OutputStream clientOut) throws IOException {
        String[] line = r.requestLine().split(" ");
        URI target = URI.create(line[1]);
        try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
            StringBuilder head = new StringBuilder(line[0] + " " + target.getRawPath() + " HTTP/1.1\r\n");
            for (Map.Entry<String, String> h : r.headers().entrySet()) {
                if (!h.getKey().startsWith("proxy-") && !h.getKey().equals("connection")) {
                    head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
                }
            }
            head.append("connection: close\r\n\r\n");
            OutputStream up = upstream.getOutputStream();
            up.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            up.write(r.body());
            up.flush();
            relayed.incrementAndGet();
            upstream.getInputStream().transferTo(clientOut);
            clientOut.flush();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
