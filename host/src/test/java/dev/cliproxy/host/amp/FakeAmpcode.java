package dev.cliproxy.host.amp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A fake ampcode.com for tests: records every request it receives and answers model calls with a body that says it
 * came from Amp ({@code "answered_by":"ampcode"}; a stream of two SSE events when the call asked for one), and
 * every other path with a small JSON naming the path.
 */
final class FakeAmpcode implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();

    FakeAmpcode() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = r.getUrl().encodedPath();
                String body = r.getBody() == null ? "" : r.getBody().utf8();
                if (path.contains("streamGenerateContent") || body.contains("\"stream\":true")) {
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                            .body("data: {\"answered_by\":\"ampcode\",\"part\":1}\n\n"
                                    + "data: {\"answered_by\":\"ampcode\",\"part\":2}\n\n").build();
                }
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body("{\"answered_by\":\"ampcode\",\"path\":\"" + path + "\"}").build();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure as {@code upstream-url}. */
    String url() {
        String u = server.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    /** The next request received, waiting a little for it. */
    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the fake ampcode received no request");
        }
        return r;
    }

    int received() {
        return server.getRequestCount();
    }

    @Override
    public void close() {
        server.close();
    }
}
