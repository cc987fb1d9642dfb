package dev.cliproxy.host.requestlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.formats.Json;
import dev.cliproxy.host.metrics.CompatUpstream;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import dev.cliproxy.host.testing.Sse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Request log files written by the real server. */
class RequestLogTest {

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer();

    private List<Path> logs(String glob) {
        Path dir = proxy.dir().resolve("logs");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files are written once the answer has gone out: wait for them with a deadline. */
    private List<Path> awaitLogs(String glob, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Path> found = logs(glob);
        while (found.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            found = logs(glob);
        }
        return found;
    }

    @Test
    void writesEveryRequestWithTheUpstreamExchangeAndMaskedSecretsWhenRequestLogIsOn() throws IOException {
        proxy.upstream().enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(Sse.dataEvents("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                        + "\"model\":\"upstream-model-x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},"
                        + "\"finish_reason\":\"stop\"}]}", "[DONE]")).build());
        proxy.start(CompatUpstream.config(1, "request-log: true"));
        assertEquals(200, proxy.post("/v1/chat/completions", CompatUpstream.KEY,
                "{\"model\":\"my-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode());

        List<Path> files = awaitLogs("v1-chat-completions-*.log", 1);
        assertEquals(1, files.size(), "one file per request");
        String text = Files.readString(files.getFirst());
        for (String section : new String[] {"=== REQUEST INFO ===", "=== HEADERS ===", "=== REQUEST BODY ===",
                "=== API REQUEST ===", "=== API RESPONSE ===", "=== RESPONSE ==="}) {
            assertTrue(text.contains(section), section);
        }
        assertTrue(text.contains("POST " + proxy.upstream().url("/v1/chat/completions")), text);
        assertTrue(text.contains("Authorization: Bearer up-...cdef"), "upstream key masked: " + text);
        assertFalse(text.contains("up-key-secret-0-abcdef"), "never the whole upstream key");
        assertFalse(text.contains(CompatUpstream.KEY), "never the client key");
        assertTrue(text.contains("\"model\":\"upstream-model-x\""), "raw upstream stream kept");
        assertTrue(text.contains("\"model\":\"my-model\""), "client stream kept");
        assertTrue(text.contains("include_usage"), "the upstream request body as sent");
    }

    @Test
    void keepsEachOfManyConcurrentRequestsInItsOwnFile() throws Exception {
        proxy.dispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String marker = Json.parse(request.getBody().toByteArray()).at("/messages/0/content").asText();
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                        .body(Sse.dataEvents("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                                + "\"model\":\"upstream-model-x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                                + "\"echo " + marker + "\"},\"finish_reason\":\"stop\"}]}", "[DONE]")).build();
            }
        });
        proxy.start(CompatUpstream.config(1, "request-log: true"));
        int requests = 24;
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String body = "{\"model\":\"my-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"marker-" + i + "-end\"}]}";
            answers.add(proxy.client().sendAsync(proxy.request("/v1/chat/completions")
                    .header("Authorization", "Bearer " + CompatUpstream.KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < requests; i++) {
            assertTrue(answers.get(i).get(10, TimeUnit.SECONDS).body().contains("echo marker-" + i + "-end"),
                    "each client gets its own answer");
        }

        List<Path> files = awaitLogs("v1-chat-completions-*.log", requests);
        assertEquals(requests, files.size(), "one file per request");
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher m = Pattern.compile("marker-(\\d+)-end").matcher(text);
            assertTrue(m.find(), text);
            String own = m.group(1);
            while (m.find()) {
                assertEquals(own, m.group(1), "a file holds one request's exchange only: " + text);
            }
            assertTrue(text.contains("echo marker-" + own + "-end"), "with its own upstream answer: " + text);
        }
    }

    @Test
    void writesTheUpstreamErrorOfEveryFailedAttempt() throws IOException {
        for (int i = 0; i < 2; i++) {
            proxy.upstream().enqueue(CompatUpstream.json(503, "{\"error\":{\"message\":\"overloaded " + i + "\"}}"));
        }
        proxy.start(CompatUpstream.config(2, ""));
        assertEquals(503, proxy.post("/v1/chat/completions", CompatUpstream.KEY, CompatUpstream.CHAT)
                .statusCode());

        List<Path> errors = awaitLogs("error-v1-chat-completions-*.log", 1);
        assertEquals(1, errors.size());
        String text = Files.readString(errors.getFirst());
        assertTrue(text.contains("=== API ERROR RESPONSE ===\nprovider=openai-compat"), text);
        assertTrue(text.contains("overloaded 0") && text.contains("overloaded 1"), "both attempts: " + text);
    }

    @Test
    void keepsOnlyFailedRequestsCappedByCountWhenRequestLogIsOff() throws IOException {
        for (int i = 0; i < 4; i++) {
            proxy.upstream().enqueue(CompatUpstream.json(400, "{\"error\":{\"message\":\"bad request " + i
                    + "\",\"type\":\"invalid_request_error\"}}"));
        }
        proxy.upstream().enqueue(CompatUpstream.ok());
        proxy.start(CompatUpstream.config(1, "error-logs-max-files: 2"));
        for (int i = 0; i < 4; i++) {
            assertEquals(400, proxy.post("/v1/chat/completions", CompatUpstream.KEY, CompatUpstream.CHAT)
                    .statusCode());
        }
        assertEquals(200, proxy.post("/v1/chat/completions", CompatUpstream.KEY, CompatUpstream.CHAT)
                .statusCode());

        List<Path> errors = awaitLogs("error-*.log", 2);
        assertEquals(2, errors.size(), "capped at error-logs-max-files: " + errors);
        assertEquals(List.of(), logs("v1-*.log"), "successes are not written");
        String text = Files.readString(errors.getLast());
        assertTrue(text.contains("=== RESPONSE ===\nStatus: 400"), text);
        assertTrue(text.contains("bad request "), "the upstream's error as relayed: " + text);
    }
}
