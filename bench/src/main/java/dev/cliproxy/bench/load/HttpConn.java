package dev.cliproxy.bench.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking HTTP/1.1 keep-alive client connection for the load driver: writes a prepared request, parses
 * the status line, {@code Content-Length} or chunked bodies, and hands body bytes to a {@link BodySink} as they
 * arrive. Allocates nothing per request beyond what the sink does.
 */
public final class HttpConn implements Closeable {

    /** Receives a response body as it arrives. */
    public interface BodySink {
        BodySink DISCARD = (b, off, len) -> { };

        void data(byte[] buf, int off, int len);
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    private int limit;
    private long reads;
    /** {@link System#nanoTime()} when the first body byte of the last response arrived. */
    public long firstByteNanos;

    public HttpConn(int port) throws IOException {
        this(port, 64 * 1024);
    }

    public HttpConn(int port, int bufferBytes) throws IOException {
        this(port, bufferBytes, 0);
    }

    /**
     * A connection reading into a buffer of {@code bufferBytes} (small when thousands are open at once) and giving up
     * when a read waits longer than {@code readTimeoutMillis} (0: never).
     */
    public HttpConn(int port, int bufferBytes, int readTimeoutMillis) throws IOException {
        buf = new byte[bufferBytes];
        socket = new Socket();
        socket.setSoTimeout(readTimeoutMillis);
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A POST request's bytes. */
    public static byte[] post(String path, String headers, byte[] body) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + headers
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    /** Sends {@code request} and reads the whole response; returns the status. */
    public int exchange(byte[] request, BodySink sink) throws IOException {
        out.write(request);
        out.flush();
        firstByteNanos = 0;
        int status = statusLine();
        long length = -1;
        boolean chunked = false;
        String line;
        while (!(line = line()).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon);
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(line.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("transfer-encoding") && line.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            long size;
            while ((size = Long.parseLong(line().trim().split(";")[0], 16)) > 0) {
                body(size, sink);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            body(length, sink);
        }
        return status;
    }

    private void body(long size, BodySink sink) throws IOException {
        long left = size;
        while (left > 0) {
            if (pos == limit) {
                fill();
            }
            if (firstByteNanos == 0) {
                firstByteNanos = System.nanoTime();
            }
            int n = (int) Math.min(left, limit - pos);
            sink.data(buf, pos, n);
            pos += n;
            left -= n;
        }
    }

    private int statusLine() throws IOException {
        String s = line();
        return Integer.parseInt(s.substring(9, 12));
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        while (true) {
            if (pos == limit) {
                fill();
            }
            byte c = buf[pos++];
            if (c == '\n') {
                int len = b.length();
                return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
            }
            b.append((char) c);
        }
    }

    private void fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            throw new IOException("connection closed by the server");
        }
        pos = 0;
        limit = n;
        reads++;
    }

    /** Socket reads so far on this connection. */
    public long reads() {
        return reads;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
