package dev.cliproxy.host.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Hands every byte the caller reads (and a read failure) to an {@link UpstreamObserver.Tap}. */
final class TappedInputStream extends FilterInputStream {

    private final UpstreamObserver.Tap tap;

    TappedInputStream(InputStream in, UpstreamObserver.Tap tap) {
        super(in);
        this.tap = tap;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            if (n > 0) {
                tap.body(b, off, n);
            }
            return n;
        } catch (IOException e) {
            tap.failed(e);
            throw e;
        }
    }
}
