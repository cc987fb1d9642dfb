package dev.cliproxy.host.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.metrics.Await;
import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.RawUpstream;
import dev.cliproxy.host.testing.TestProxy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping the server: running streams may finish within {@code shutdown-grace-period-seconds}, new requests get 503. */
class GracefulShutdownTest {

    private static final String KEY = "client-key-0123456789";

    private final CountDownLatch release = new CountDownLatch(1);
    private RawUpstream upstream;

    @AfterEach
    void stopUpstream() {
        release.countDown();
        upstream.close();
    }

    /** A proxy whose upstream streams "Hel", waits for {@link #release}, then streams "lo" and ends. */
    private TestProxy start(String extraConfig) {
        upstream = RawUpstream.start((request, out, connection) -> {
            RawUpstream.sseHead(out);
            RawUpstream.chunk(out, "data: " + ChatFixtures.chunk("{\"role\":\"assistant\",\"content\":\"Hel\"}", null)
                    + "\n\n");
            release.await();
            RawUpstream.chunk(out, "data: " + ChatFixtures.chunk("{\"content\":\"lo\"}", "\"stop\"") + "\n\n");
            RawUpstream.chunk(out, "data: [DONE]\n\n");
            RawUpstream.lastChunk(out);
        });
        return TestProxy.start("""
                api-keys: ["%s"]
                openai-compatibility:
                  - name: fake
                    base-url: %s
                    api-key-entries:
                      - api-key: up-key-000000000001
                    models:
                      - name: up-model
                        alias: m
                %s
                """.formatted(KEY, upstream.url("/v1"), extraConfig));
    }

    /** Opens a stream and reads it up to its first text delta. */
    private static BufferedReader openStream(TestProxy proxy) throws Exception {
        HttpResponse<InputStream> response = proxy.client().send(proxy.request("/v1/chat/completions")
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ChatFixtures.request("m", true))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null && !line.contains("Hel")) {
            // role delta and blank lines until the first text
        }
        assertTrue(line != null, "the first delta reached the client");
        return lines;
    }

    private static String rest(BufferedReader lines) {
        try {
            return lines.lines().collect(Collectors.joining("\n"));
        } catch (UncheckedIOException cut) {
            return "cut: " + cut.getCause();
        }
    }

    @Test
    void anOpenStreamFinishesWhileNewRequestsGet503() throws Exception {
        TestProxy proxy = start("shutdown-grace-period-seconds: 30");
        BufferedReader stream = openStream(proxy);

        Thread closing = Thread.ofPlatform().name("closing").start(proxy::close);
        int late = Await.until(() -> proxy.get("/healthz", null).statusCode(), status -> status == 503);
        assertEquals(503, late, "requests arriving while the server drains are refused");
        assertTrue(closing.isAlive(), "close waits for the open stream");

        release.countDown();
        String rest = rest(stream);
        assertTrue(rest.contains("\"content\":\"lo\"") && rest.strip().endsWith("data: [DONE]"), rest);
        assertTrue(closing.join(Duration.ofSeconds(10)), "close returns once the stream is done");
    }

    @Test
    @Timeout(60)
    void streamsStillRunningWhenTheGracePeriodIsOverAreCut() throws Exception {
        TestProxy proxy = start("shutdown-grace-period-seconds: 0");
        BufferedReader stream = openStream(proxy);

        proxy.close();

        String rest = rest(stream);
        assertFalse(rest.contains("[DONE]"), "the stream was cut, not finished: " + rest);
    }
}
