package dev.cliproxy.host.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.formats.sse.SseEvent;
import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import dev.cliproxy.host.testing.RawUpstream;
import dev.cliproxy.host.testing.Sse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Streams after their first byte: an upstream that breaks ends in an error event; idle gaps get keep-alives; a client
 * that does not read holds the upstream back instead of filling the proxy's memory.
 */
class StreamResilienceTest {

    private static final String KEY = "client-key-0123456789";

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withRawUpstream();

    private void start(RawUpstream.Script script, String extraConfig) {
        proxy.start(script, """
                api-keys: ["%s"]
                %s
                openai-compatibility:
                  - name: fake
                    base-url: {upstream}/v1
                    api-key-entries:
                      - api-key: up-key-000000000001
                      - api-key: up-key-000000000002
                    models:
                      - name: up-model
                        alias: m
                """.formatted(KEY, extraConfig));
    }

    /** Sends one event, then drops the connection in the middle of the chunked body. */
    private static void breakAfterFirstEvent(RawUpstream.Request r, java.io.OutputStream out,
                                             RawUpstream.Connection c) throws java.io.IOException {
        RawUpstream.sseHead(out);
        RawUpstream.chunk(out, "data: " + ChatFixtures.chunk("{\"role\":\"assistant\",\"content\":\"Hel\"}", null)
                + "\n\n");
    }

    @Test
    void streamThatBreaksAfterTheFirstByteEndsWithTheFormatsErrorEvent() throws Exception {
        start(StreamResilienceTest::breakAfterFirstEvent, "");

        HttpResponse<String> r = proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", true));

        assertEquals(200, r.statusCode(), "the stream had started");
        List<SseEvent> events = Sse.parse(r.body());
        assertTrue(events.get(0).dataText().contains("Hel"), r.body());
        JsonNode last = Json.MAPPER.readTree(events.get(events.size() - 1).data());
        assertTrue(last.at("/error/message").asText().contains("upstream stream broke"), r.body());
        assertEquals(1, proxy.rawUpstream().requests().size(), "no retry once bytes reached the client");
    }

    @Test
    void translatedStreamThatBreaksEndsWithAClaudeErrorEvent() throws Exception {
        start(StreamResilienceTest::breakAfterFirstEvent, "");

        HttpResponse<String> r = proxy.post("/v1/messages", KEY, "{\"model\":\"m\",\"max_tokens\":10,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertEquals(200, r.statusCode());
        List<SseEvent> events = Sse.parse(r.body());
        SseEvent last = events.get(events.size() - 1);
        assertEquals("error", last.event(), r.body());
        assertEquals("error", Json.MAPPER.readTree(last.data()).path("type").asText());
        assertTrue(r.body().contains("Hel"), "the text before the break was relayed: " + r.body());
    }

    @Test
    void writesKeepAliveCommentsWhileTheUpstreamIsQuiet() throws Exception {
        CountDownLatch clientSawKeepAlive = new CountDownLatch(1);
        start((request, out, connection) -> {
            RawUpstream.sseHead(out);
            RawUpstream.chunk(out, "data: " + ChatFixtures.chunk("{\"role\":\"assistant\",\"content\":\"Hel\"}",
                    null) + "\n\n");
            if (!clientSawKeepAlive.await(10, TimeUnit.SECONDS)) {
                return;
            }
            RawUpstream.chunk(out, "data: " + ChatFixtures.chunk("{\"content\":\"lo\"}", "\"stop\"") + "\n\n");
            RawUpstream.chunk(out, "data: [DONE]\n\n");
            RawUpstream.lastChunk(out);
        }, "streaming:\n  keepalive-seconds: 1");

        HttpRequest request = proxy.request("/v1/chat/completions").header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ChatFixtures.request("m", true))).build();
        HttpResponse<java.io.InputStream> r = proxy.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        StringBuilder body = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                body.append(line).append('\n');
                if (line.equals(": keep-alive")) {
                    clientSawKeepAlive.countDown();
                }
            }
        }
        assertEquals(0, clientSawKeepAlive.getCount(), "a keep-alive comment arrived: " + body);
        List<SseEvent> events = Sse.parse(body.toString());
        assertEquals("[DONE]", events.get(events.size() - 1).dataText(), "the stream completed: " + body);
        assertTrue(body.indexOf("Hel") < body.indexOf(": keep-alive") && body.indexOf(": keep-alive")
                < body.indexOf("\"lo\""), "the comment sits in the idle gap: " + body);
    }

    @Test
    void pausesTheUpstreamWhileTheClientReadsNothingThenDeliversEveryEvent() throws Exception {
        int events = 3000;
        String delta = "{\"content\":\"" + "x".repeat(16 * 1024) + "\"}";
        AtomicLong upstreamWrote = new AtomicLong();
        start((request, out, connection) -> {
            RawUpstream.sseHead(out);
            for (int i = 0; i < events; i++) {
                String frame = "data: " + ChatFixtures.chunk(delta, null) + "\n\n";
                RawUpstream.chunk(out, frame);
                upstreamWrote.addAndGet(frame.length());
            }
            RawUpstream.chunk(out, "data: " + ChatFixtures.chunk("{}", "\"stop\"") + "\n\ndata: [DONE]\n\n");
            RawUpstream.lastChunk(out);
        }, "");
        long total = (long) events * ("data: " + ChatFixtures.chunk(delta, null) + "\n\n").length();

        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), URI.create(proxy.proxy().url("/")).getPort())) {
            byte[] body = ChatFixtures.request("m", true).getBytes(StandardCharsets.UTF_8);
            client.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + KEY + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().write(body);
            client.getOutputStream().flush();
            Thread.sleep(1500); // the client reads nothing: socket buffers fill, then the proxy must stop reading
            long wroteWhileStalled = upstreamWrote.get();
            assertTrue(wroteWhileStalled < total * 2 / 3, "the upstream was paused, not read into memory: "
                    + wroteWhileStalled + " of " + total + " bytes sent");

            byte[] all = client.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int frames = 0;
            for (int at = text.indexOf("data: {"); at >= 0; at = text.indexOf("data: {", at + 1)) {
                frames++;
            }
            assertEquals(events + 1, frames, "every event arrived once the client read");
            assertTrue(text.contains("data: [DONE]"), "the stream completed");
        }
    }
}
