package dev.cliproxy.host.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

/** A TCP server on an ephemeral loopback port that serves each accepted connection on a virtual thread of its own. */
public final class LoopbackServer implements AutoCloseable {

    private final ServerSocket server;

    public LoopbackServer(Consumer<Socket> connection) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> accept(connection));
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept(Consumer<Socket> connection) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> connection.accept(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
