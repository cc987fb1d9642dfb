package dev.cliproxy.host.requestlog;

import dev.cliproxy.api.Cancellation;
import dev.cliproxy.host.pipeline.ClientChannel;
import java.io.IOException;
import java.util.Map;

/**
 * Passes everything to the client and notes it in a {@link RequestCapture}: the status, headers and body of a whole
 * answer (kept by reference), and the streamed bytes when full logging is on.
 */
final class RecordingChannel implements ClientChannel {

    private final ClientChannel next;
    private final RequestCapture capture;

    RecordingChannel(ClientChannel next, RequestCapture capture) {
        this.next = next;
        this.capture = capture;
    }

    @Override
    public void sendJson(int status, byte[] body, Map<String, String> headers) {
        capture.responseStatus = status;
        capture.responseHeaders = headers;
        capture.responseBody = body;
        next.sendJson(status, body, headers);
    }

    @Override
    public void startStream(String contentType, Map<String, String> headers) {
        capture.responseStatus = 200;
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put("Content-Type", contentType);
        capture.responseHeaders = h;
        next.startStream(contentType, headers);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (capture.full) {
            capture.streamed.add(bytes);
        }
        next.write(bytes);
    }

    @Override
    public boolean streamStarted() {
        return next.streamStarted();
    }

    @Override
    public Cancellation cancellation() {
        return next.cancellation();
    }
}
