package dev.cliproxy.host.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.auth.ClientKeys;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import dev.cliproxy.host.testing.Sse;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics} on the main port, fed by real requests through the real server. */
class MetricsEndpointTest {

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer(CompatUpstream.config(3, ""));

    private String scrape() {
        HttpResponse<String> r = proxy.get("/metrics", null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return r.body();
    }

    /** The value of the first series of {@code name} whose labels contain every one of {@code labels}. */
    private static double value(String scrape, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        while (m.find()) {
            boolean all = true;
            for (String l : labels) {
                all &= m.group(1).contains(l);
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }

    @Test
    void countsRequestsAndTokensByProviderModelAndClientKeyId() {
        proxy.upstream().enqueue(CompatUpstream.ok());
        assertEquals(200, proxy.post("/v1/chat/completions", CompatUpstream.KEY, CompatUpstream.CHAT).statusCode());

        String m = Await.until(this::scrape, s -> s.contains("cliproxy_tokens_total{"));
        assertEquals(1.0, value(m, "cliproxy_requests_total", "route=\"/v1/chat/completions\"",
                "format=\"openai-chat\"", "provider=\"openai-compat\"", "model=\"my-model\"", "status=\"2xx\""), m);
        String client = "client=\"" + ClientKeys.idOf(CompatUpstream.KEY) + "\"";
        assertEquals(3.0, value(m, "cliproxy_tokens_total", client, "type=\"input\"", "model=\"my-model\""));
        assertEquals(2.0, value(m, "cliproxy_tokens_total", client, "type=\"output\""));
        assertEquals(1.0, value(m, "cliproxy_request_duration_seconds_count", "provider=\"openai-compat\""));
        assertEquals(1.0, value(m, "cliproxy_time_to_first_byte_seconds_count", "model=\"my-model\""));
        assertEquals(1.0, value(m, "cliproxy_upstream_latency_seconds_count", "provider=\"openai-compat\""));
        assertTrue(m.contains("cliproxy_request_duration_seconds_bucket{"), "duration is a histogram");
        assertFalse(m.contains(CompatUpstream.KEY), "the client key never appears");
        assertFalse(m.contains("up-key-secret"), "upstream keys never appear");
    }

    @Test
    void labelsModelsTheProxyDoesNotServeAsOther() {
        for (String invented : new String[] {"invented-1", "invented-2", "invented-3"}) {
            assertEquals(404, proxy.post("/v1/chat/completions", CompatUpstream.KEY,
                    "{\"model\":\"" + invented + "\",\"messages\":[]}").statusCode());
        }

        String m = Await.until(this::scrape, s -> value(s, "cliproxy_requests_total", "model=\"other\"") == 3.0);
        assertFalse(m.contains("invented-"), "an invented model name creates no series");
        assertEquals(3.0, value(m, "cliproxy_requests_total", "model=\"other\"", "provider=\"none\"",
                "status=\"4xx\""), m);
    }

    @Test
    void showsCredentialsByStateAndRetriesByReason() {
        proxy.upstream().enqueue(
                CompatUpstream.json(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}"));
        proxy.upstream().enqueue(CompatUpstream.ok());

        assertEquals(200, proxy.post("/v1/chat/completions", CompatUpstream.KEY, CompatUpstream.CHAT).statusCode());

        String m = Await.until(this::scrape, s -> s.contains("cliproxy_retries_total{"));
        assertEquals(2.0, value(m, "cliproxy_credentials", "provider=\"openai-compat\"", "state=\"available\""), m);
        assertEquals(1.0, value(m, "cliproxy_credentials", "provider=\"openai-compat\"", "state=\"cooling\""));
        assertEquals(0.0, value(m, "cliproxy_credentials", "provider=\"openai-compat\"", "state=\"disabled\""));
        assertEquals(1.0, value(m, "cliproxy_retries_total", "provider=\"openai-compat\"", "reason=\"quota\""));
        assertEquals(1.0, value(m, "cliproxy_cooldowns_total", "provider=\"openai-compat\"", "reason=\"quota\""));
    }

    @Test
    void showsAStreamAsActiveWhileItIsRelayed() throws Exception {
        String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"upstream-model-x\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":null}]}";
        String first = Sse.dataEvents(chunk);
        proxy.upstream().enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(first + Sse.dataEvents(chunk, chunk, "[DONE]"))
                .throttleBody(first.length(), 700, TimeUnit.MILLISECONDS).build());

        HttpRequest request = proxy.request("/v1/chat/completions").header("Authorization", "Bearer "
                + CompatUpstream.KEY).POST(HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"my-model\",\"stream\":true,\"messages\":[]}")).build();
        HttpResponse<InputStream> r = proxy.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertTrue(lines.readLine().startsWith("data:"), "the first event arrived");
            assertEquals(1.0, value(scrape(), "cliproxy_active_streams", "format=\"openai-chat\""));
            while (lines.readLine() != null) {
                // drain the stream to its end
            }
        }
        double active = Await.until(() -> value(scrape(), "cliproxy_active_streams", "format=\"openai-chat\""),
                v -> v == 0.0);
        assertEquals(0.0, active, "the stream is no longer counted once it ended");
    }

    @Test
    void exposesJvmAndProcessMetrics() {
        String m = scrape();
        for (String name : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads", "process_cpu_usage",
                "process_uptime_seconds", "jvm_gc_", "jvm_classes_loaded_classes", "process_files_open_files"}) {
            assertTrue(m.contains(name), name + " is exposed");
        }
    }
}
