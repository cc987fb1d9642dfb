package dev.cliproxy.host.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sockets that speak TLS to an {@code https://} proxy. OkHttp connects its own plain sockets and refuses an
 * {@link SSLSocketFactory}, so each socket here upgrades itself to TLS right after connecting and then reads and
 * writes through the TLS layer; OkHttp tunnels (CONNECT) through it as through any HTTP proxy.
 */
final class TlsProxySocketFactory extends SocketFactory {

    private final String proxyHost;
    private final int proxyPort;

    TlsProxySocketFactory(String proxyHost, int proxyPort) {
        this.proxyHost = proxyHost;
        this.proxyPort = proxyPort;
    }

    @Override
    public Socket createSocket() {
        return new UpgradingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(host.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket(address, port);
    }

    private final class UpgradingSocket extends Socket {
        private SSLSocket tls;

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
            tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(this, proxyHost, proxyPort, true);
            tls.setUseClientMode(true);
            tls.startHandshake();
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return tls != null ? tls.getInputStream() : super.getInputStream();
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return tls != null ? tls.getOutputStream() : super.getOutputStream();
        }

        @Override
        public void close() throws IOException {
            if (tls != null) {
                tls.close();
            }
            super.close();
        }
    }
}
