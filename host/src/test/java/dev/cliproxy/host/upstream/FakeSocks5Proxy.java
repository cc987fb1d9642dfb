package dev.cliproxy.host.upstream;

import dev.cliproxy.host.testing.LoopbackServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SOCKS5 server on loopback for tests (RFC 1928 CONNECT with RFC 1929 username/password authentication
 * required): checks the credentials, connects to the requested address and pipes both ways.
 */
final class FakeSocks5Proxy implements AutoCloseable {

    private final LoopbackServer server;
    private final String user;
    private final String password;
    private final AtomicInteger tunnels = new AtomicInteger();
    private final AtomicInteger authFailures = new AtomicInteger();

    FakeSocks5Proxy(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        this.server = new LoopbackServer(this::serve);
    }

    int port() {
        return server.port();
    }

    /** Authenticated CONNECTs that reached their target. */
    int tunnels() {
        return tunnels.get();
    }

    int authFailures() {
        return authFailures.get();
    }

    private void serve(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (in.readUnsignedByte() != 5) {
                return;
            }
            byte[] methods = in.readNBytes(in.readUnsignedByte());
            if (!contains(methods, 2)) {
                out.write(new byte[] {5, (byte) 0xFF});
                return;
            }
            out.write(new byte[] {5, 2});
            in.readUnsignedByte(); // sub-negotiation version 1
            String u = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            String p = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            if (!u.equals(user) || !p.equals(password)) {
                authFailures.incrementAndGet();
                out.write(new byte[] {1, 1});
                return;
            }
            out.write(new byte[] {1, 0});
            in.readUnsignedByte(); // version
            in.readUnsignedByte(); // command: CONNECT
            in.readUnsignedByte(); // reserved
            String host = switch (in.readUnsignedByte()) {
                case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
                default -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
            };
            int port = in.readUnsignedShort();
            try (Socket target = new Socket(host, port)) {
                out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
                out.flush();
                tunnels.incrementAndGet();
                OutputStream toTarget = target.getOutputStream();
                Thread.ofVirtual().start(() -> pipe(in, toTarget));
                pipe(target.getInputStream(), out);
            }
        } catch (IOException ignored) {
            // a side went away
        }
    }

    private static void pipe(InputStream from, OutputStream to) {
        try {
            from.transferTo(to);
        } catch (IOException ignored) {
            // closed
        }
    }

    private static boolean contains(byte[] methods, int m) {
        for (byte b : methods) {
            if (b == m) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
