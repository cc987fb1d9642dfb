package dev.cliproxy.api.http;

import dev.cliproxy.api.UpstreamException;
import dev.cliproxy.api.UpstreamResponse;
import dev.cliproxy.api.sse.SseReader;
import java.io.IOException;
import java.util.function.Function;

/**
 * The common shape of an executor's upstream call: send, turn a non-2xx answer into an {@link UpstreamException}
 * (status, headers, error body, {@code Retry-After}), and wrap a 2xx answer as a whole body or an SSE stream.
 */
public final class UpstreamExchange {

    private UpstreamExchange() {
    }

    /** Sends {@code request} and classifies failures by status alone. */
    public static UpstreamResponse send(UpstreamHttp http, UpstreamHttpRequest request, boolean stream) {
        return send(http, request, stream, null);
    }

    /**
     * Sends {@code request}; {@code classifier}, when given, turns an error answer into the provider's own
     * {@link UpstreamException} (e.g. to read a reset time from the body).
     */
    public static UpstreamResponse send(UpstreamHttp http, UpstreamHttpRequest request, boolean stream,
                                        Function<ErrorAnswer, UpstreamException> classifier) {
        if (request.cancellation().isCancelled()) {
            throw UpstreamException.cancelled();
        }
        UpstreamHttpResponse response;
        try {
            response = http.send(request);
        } catch (IOException e) {
            throw request.cancellation().isCancelled() ? UpstreamException.cancelled()
                    : UpstreamException.connectionFailed(e);
        }
        if (!response.isSuccessful()) {
            byte[] body;
            try {
                body = response.bodyBytes();
            } catch (IOException e) {
                body = new byte[0];
            } finally {
                response.close();
            }
            ErrorAnswer answer = new ErrorAnswer(response.status(), response, body);
            UpstreamException custom = classifier == null ? null : classifier.apply(answer);
            throw custom != null ? custom
                    : UpstreamException.fromResponse(response.status(), response.headers(), body);
        }
        if (stream) {
            return new UpstreamResponse.Streaming(response.status(), response.headers(),
                    new SseReader(response.body(), response::close));
        }
        try {
            return new UpstreamResponse.Complete(response.status(), response.headers(), response.bodyBytes());
        } catch (IOException e) {
            throw request.cancellation().isCancelled() ? UpstreamException.cancelled()
                    : UpstreamException.connectionFailed(e);
        } finally {
            response.close();
        }
    }

    /** A non-2xx answer, for provider-specific classification. */
    public record ErrorAnswer(int status, UpstreamHttpResponse response, byte[] body) {
    }
}
