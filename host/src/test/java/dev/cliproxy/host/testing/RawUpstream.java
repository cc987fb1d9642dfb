package dev.cliproxy.host.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake upstream on a loopback socket whose every byte the test scripts: it reads one HTTP/1.1 request per
 * connection and hands the socket to a {@link Script}. Unlike MockWebServer it can stay silent, cut a stream in the
 * middle, and observe the moment the proxy closes its connection ({@link #awaitClosed}).
 */
public final class RawUpstream implements AutoCloseable {

    /** What the upstream does with one connection after reading its request. */
    @FunctionalInterface
    public interface Script {
        void run(Request request, OutputStream out, Connection connection) throws IOException, InterruptedException;
    }

    /** A parsed request. */
    public record Request(String requestLine, Map<String, String> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The upstream side of one connection. */
    public final class Connection {
        private final Socket socket;

        Connection(Socket socket) {
            this.socket = socket;
        }

        /** Blocks until the proxy closes the connection (reads end of stream or a reset); records when. */
        public void awaitPeerClose() {
            try {
                InputStream in = socket.getInputStream();
                while (in.read() >= 0) {
                    // the proxy sends nothing more on this connection; any byte is ignored
                }
            } catch (IOException reset) {
                // a reset is a close too
            }
            closedAtNanos.set(System.nanoTime());
            closed.countDown();
        }
    }

    private final ServerSocket server;
    private final Script script;
    private final CountDownLatch received = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong closedAtNanos = new AtomicLong();
    private final CopyOnWriteArrayList<Request> requests = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Socket> sockets = new CopyOnWriteArrayList<>();

    private RawUpstream(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        Thread.ofVirtual().name("raw-upstream").start(this::acceptLoop);
    }

    public static RawUpstream start(Script script) {
        try {
            return new RawUpstream(script);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:port/v1}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** Waits until a request has been read. */
    public boolean awaitRequest(long timeout, TimeUnit unit) throws InterruptedException {
        return received.await(timeout, unit);
    }

    /** Waits until a connection's script saw the proxy close the connection. */
    public boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
        return closed.await(timeout, unit);
    }

    /** {@link System#nanoTime()} when the proxy closed the connection. */
    public long closedAtNanos() {
        return closedAtNanos.get();
    }

    public java.util.List<Request> requests() {
        return requests;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread.ofVirtual().name("raw-upstream-conn").start(() -> serve(s));
            } catch (IOException closedServer) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            Request r = readRequest(s.getInputStream());
            if (r == null) {
                return;
            }
            requests.add(r);
            received.countDown();
            script.run(r, s.getOutputStream(), new Connection(s));
        } catch (IOException | InterruptedException ignored) {
            // the test decides what a broken connection means
        }
    }

    /** Reads a request line, headers and a Content-Length body; {@code null} at end of stream. */
    public static Request readRequest(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String h;
        while ((h = readLine(in)) != null && !h.isEmpty()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Request(line, headers, in.readNBytes(length));
    }

    /** One CRLF-terminated line, without the CRLF; {@code null} at end of stream. */
    public static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Writes the head of a chunked 200 SSE answer. */
    public static void sseHead(OutputStream out) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Writes {@code text} as one HTTP chunk and flushes it. */
    public static void chunk(OutputStream out, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Ends a chunked body. */
    public static void lastChunk(OutputStream out) throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
