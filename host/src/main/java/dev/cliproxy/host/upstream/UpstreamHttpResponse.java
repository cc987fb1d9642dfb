package dev.cliproxy.host.upstream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** An upstream HTTP response whose body has not been read yet. Close it when done, also on error. */
public interface UpstreamHttpResponse extends Closeable {

    /** The HTTP status code. */
    int status();

    /** All response headers. */
    Map<String, List<String>> headers();

    /** The first value of a header (case-insensitive name), or {@code null}. */
    String header(String name);

    /** The body as a stream (decompressed when the upstream used gzip). */
    InputStream body();

    /** Reads the whole body. */
    default byte[] bodyBytes() throws IOException {
        try (InputStream in = body()) {
            return in.readAllBytes();
        }
    }

    /** Whether the status is 2xx. */
    default boolean isSuccessful() {
        return status() >= 200 && status() < 300;
    }

    @Override
    void close();
}
