package dev.cliproxy.host.amp;

import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A fake ampcode.com, as the dispatcher of a MockWebServer (which records what it receives): model calls get a body
 * that says it came from Amp ({@code "answered_by":"ampcode"}; two SSE events when the call asked for a stream),
 * every other path a small JSON naming the path.
 */
final class FakeAmpcode extends Dispatcher {

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

    /** The next request {@code server} received, waiting a little for it. */
    static RecordedRequest next(MockWebServer server) throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the fake ampcode received no request");
        }
        return r;
    }

    /** The path and query of {@code r}, as the client sent them. */
    static String target(RecordedRequest r) {
        String query = r.getUrl().encodedQuery();
        return r.getUrl().encodedPath() + (query == null ? "" : "?" + query);
    }
}
