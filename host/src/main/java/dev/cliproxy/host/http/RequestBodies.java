package dev.cliproxy.host.http;

import dev.cliproxy.host.pipeline.ProxyException;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import org.xnio.IoUtils;

/**
 * Reads request bodies, refusing bodies over the size limit with 413: on a blocking exchange ({@link #read}), or
 * ahead, without blocking, on the I/O thread ({@link #readAhead}), after which {@link #read} returns what was read.
 */
public final class RequestBodies {

    /** 64 MiB: enough for several large base64 images or PDFs. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    /** A body read ahead; {@link #TOO_LARGE} when it was over the limit. */
    private static final AttachmentKey<byte[]> READ_AHEAD = AttachmentKey.create(byte[].class);
    private static final byte[] TOO_LARGE = new byte[0];

    private RequestBodies() {
    }

    /** The length of the body read ahead ({@code 0} when none was, or it was over the limit). */
    public static int readAheadLength(HttpServerExchange exchange) {
        byte[] ahead = exchange.getAttachment(READ_AHEAD);
        return ahead == null ? 0 : ahead.length;
    }

    /** The whole body: the one read ahead, else read now (the exchange must be blocking). */
    public static byte[] read(HttpServerExchange exchange) throws IOException {
        byte[] ahead = exchange.getAttachment(READ_AHEAD);
        if (ahead != null) {
            if (ahead == TOO_LARGE) {
                throw tooLarge();
            }
            return ahead;
        }
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

    /**
     * Reads the whole body on the I/O thread without blocking (it has usually arrived with the headers), then calls
     * {@code then} in the exchange's handler call, so it may dispatch. A body over the limit is not read: {@code then}
     * still runs, and {@link #read} throws the 413. A connection that fails while the body arrives is closed.
     */
    public static void readAhead(HttpServerExchange exchange, Consumer<HttpServerExchange> then) {
        if (exchange.getRequestContentLength() > MAX_BYTES) {
            exchange.putAttachment(READ_AHEAD, TOO_LARGE);
            then.accept(exchange);
            return;
        }
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
            ex.putAttachment(READ_AHEAD, body.length > MAX_BYTES ? TOO_LARGE : body);
            then.accept(ex);
        }, (ex, error) -> {
            if (error instanceof RequestTooBigException) {
                ex.putAttachment(READ_AHEAD, TOO_LARGE);
                then.accept(ex);
            } else {
                IoUtils.safeClose(ex.getConnection());
            }
        });
    }

    private static ProxyException tooLarge() {
        return new ProxyException(413, "request_too_large", "request body exceeds " + (MAX_BYTES >> 20) + " MiB");
    }
}
