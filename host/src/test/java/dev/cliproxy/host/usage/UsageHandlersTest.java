package dev.cliproxy.host.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.auth.ClientKeys;
import dev.cliproxy.host.metrics.Await;
import dev.cliproxy.host.metrics.CompatUpstream;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import io.undertow.Undertow;
import io.undertow.server.RoutingHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The usage endpoints, mounted on a bare Undertow (the management API mounts them behind its auth), fed by real
 * requests through the real server.
 */
class UsageHandlersTest {

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer(CompatUpstream.config(1, ""));

    private final HttpClient client = HttpClient.newHttpClient();
    private Undertow management;

    @BeforeEach
    void start() {
        UsageHandlers usage = proxy.server().observability().usage();
        management = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(new RoutingHandler()
                .get("/usage", usage.get()).get("/usage/export", usage.export())
                .post("/usage/import", usage.importing()).delete("/usage", usage.delete())).build();
        management.start();
    }

    @AfterEach
    void stop() {
        management.stop();
    }

    private JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
        int port = ((InetSocketAddress) management.getListenerInfo().getFirst().getAddress()).getPort();
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> res = client.send(r, HttpResponse.BodyHandlers.ofString());
        JsonNode json = Json.MAPPER.readTree(res.body());
        return Json.MAPPER.createObjectNode().put("status", res.statusCode()).set("body", json);
    }

    /** The usage statistics; they are recorded just after each answer goes out, hence the polling callers. */
    private JsonNode get() {
        try {
            return call("GET", "/usage", null);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reportsTotalsByClientKeyModelProviderAndDay() throws Exception {
        proxy.upstream().enqueue(CompatUpstream.ok());
        proxy.upstream().enqueue(CompatUpstream.ok());
        proxy.post("/v1/chat/completions", CompatUpstream.KEY, CompatUpstream.CHAT);
        proxy.post("/v1/chat/completions", CompatUpstream.KEY, CompatUpstream.CHAT);
        proxy.post("/v1/chat/completions", CompatUpstream.KEY, "{\"model\":\"made-up\",\"messages\":[]}");

        JsonNode r = Await.until(() -> get(), n -> n.at("/body/usage/total_requests").asLong() == 3);
        assertEquals(200, r.path("status").asInt());
        JsonNode u = r.at("/body/usage");
        assertEquals(3, u.path("total_requests").asLong());
        assertEquals(2, u.path("success_count").asLong());
        assertEquals(1, u.path("failure_count").asLong());
        assertEquals(10, u.path("total_tokens").asLong());
        assertEquals(6, u.path("input_tokens").asLong());
        assertEquals(1, r.at("/body/failed_requests").asLong());
        JsonNode api = u.path("apis").path(ClientKeys.idOf(CompatUpstream.KEY));
        assertEquals(3, api.path("total_requests").asLong());
        assertEquals(2, api.at("/models/my-model/total_requests").asLong());
        assertEquals(1, api.at("/models/other/total_requests").asLong(), "invented names are grouped");
        assertEquals(10, u.at("/providers/openai-compat/total_tokens").asLong());
        assertEquals(3, u.path("requests_by_day").elements().next().asLong());
        assertEquals(3, u.path("requests_by_hour").elements().next().asLong());
        assertFalse(u.toString().contains(CompatUpstream.KEY));
    }

    @Test
    void sumsEachRequestsDurationSoClientsCanShowAverageLatency() throws Exception {
        proxy.upstream().enqueue(CompatUpstream.ok().newBuilder().headersDelay(150, TimeUnit.MILLISECONDS).build());
        proxy.post("/v1/chat/completions", CompatUpstream.KEY, CompatUpstream.CHAT);

        JsonNode u = Await.until(() -> get(), n -> n.at("/body/usage/total_requests").asLong() == 1)
                .at("/body/usage");
        long total = u.path("total_latency_ms").asLong(-1);
        assertTrue(total >= 150, "the upstream alone took 150 ms: " + u);
        assertEquals(total, u.at("/providers/openai-compat/total_latency_ms").asLong());
        assertEquals(total, u.at("/providers/openai-compat/models/my-model/total_latency_ms").asLong());
        assertEquals(total, u.path("days").elements().next().path("total_latency_ms").asLong());
    }

    @Test
    void exportsResetsAndImportsSoTotalsSurviveARestart() throws Exception {
        proxy.upstream().enqueue(CompatUpstream.ok());
        proxy.post("/v1/chat/completions", CompatUpstream.KEY, CompatUpstream.CHAT);
        Await.until(() -> get(), n -> n.at("/body/usage/total_requests").asLong() == 1);
        JsonNode exported = call("GET", "/usage/export", null).path("body");
        assertEquals(1, exported.path("version").asInt());
        assertFalse(exported.path("exported_at").asText().isEmpty());

        assertEquals("ok", call("DELETE", "/usage", null).at("/body/status").asText());
        assertEquals(0, call("GET", "/usage", null).at("/body/usage/total_requests").asLong());

        JsonNode imported = call("POST", "/usage/import", exported.toString());
        assertEquals(200, imported.path("status").asInt());
        assertEquals(1, imported.at("/body/added").asLong());
        JsonNode after = call("GET", "/usage", null).at("/body/usage");
        assertEquals(exported.path("usage"), after, "the same statistics as before the reset");
    }

    @Test
    void rejectsAnImportThatIsNotAUsageExport() throws Exception {
        JsonNode r = call("POST", "/usage/import", "[1,2]");
        assertEquals(400, r.path("status").asInt());
        assertEquals("invalid body", r.at("/body/error").asText());
    }
}
