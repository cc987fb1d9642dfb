package dev.cliproxy.host.http;

import dev.cliproxy.host.pipeline.ProxyException;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies on a blocking exchange, refusing bodies over the size limit with 413. */
public final class RequestBodies {

    /** 64 MiB: enough for several large base64 images or PDFs. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    private RequestBodies() {
    }

    /** The whole body. */
    public static byte[] read(HttpServerExchange exchange) throws IOException {
        long declared = exchange.getRequestContentLength();
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = exchange.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw tooLarge();
            }
            return body;
        }
    }

    private static ProxyException tooLarge() {
        return new ProxyException(413, "request_too_large", "request body exceeds " + (MAX_BYTES >> 20) + " MiB");
    }
}
