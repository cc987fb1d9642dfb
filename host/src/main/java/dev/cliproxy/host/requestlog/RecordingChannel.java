package dev.cliproxy.host.requestlog;

import dev.cliproxy.host.pipeline.ClientChannel;
import dev.cliproxy.host.pipeline.ForwardingClientChannel;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Passes everything to the client and notes it in a {@link RequestCapture}: the status, headers and body of a whole
 * answer (kept by reference), and the streamed bytes when full logging is on.
 */
final class RecordingChannel extends ForwardingClientChannel {

    private final RequestCapture capture;

    RecordingChannel(ClientChannel next, RequestCapture capture) {
        super(next);
        this.capture = capture;
    }

    @Override
    public void sendJson(int status, byte[] body, Map<String, String> headers) {
        capture.responseStatus = status;
        capture.responseHeaders = headers;
        capture.responseBody = body;
        super.sendJson(status, body, headers);
    }

    @Override
    public void startStream(String contentType, Map<String, String> headers) {
        capture.responseStatus = 200;
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", contentType);
        capture.responseHeaders = h;
        super.startStream(contentType, headers);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (capture.full) {
            capture.streamed.add(bytes);
        }
        super.write(bytes);
    }
}
