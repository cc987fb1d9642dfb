package dev.cliproxy.host.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.Secrets;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.routing.CooldownTracker;
import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.KeyedDispatcher;
import dev.cliproxy.host.testing.MutableClock;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import io.undertow.Undertow;
import io.undertow.server.RoutingHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The credential-state and cooldown-reset handlers, mounted on a bare Undertow beside a real proxy whose requests
 * produce the cooldowns they show.
 */
class CredentialManagementHandlersTest {

    private static final String KEY = "client-key-0123456789";
    private static final String QUOTA = "sk-quota-secret-0000000001";
    private static final String GOOD = "sk-good-secret-00000000002";

    private final KeyedDispatcher keys = new KeyedDispatcher();
    private final MutableClock clock = MutableClock.startingNow();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Undertow management;

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer("""
            api-keys: ["%s"]
            routing: {strategy: fill-first}
            openai-compatibility:
              - name: fake
                base-url: {upstream}/v1
                api-key-entries:
                  - api-key: %s
                  - api-key: %s
                models:
                  - name: up-model
                    alias: m
            """.formatted(KEY, QUOTA, GOOD)).dispatcher(keys).clock(clock);

    @BeforeEach
    void start() {
        keys.on(QUOTA, () -> ChatFixtures.quota(120, "You exceeded your current quota"))
                .on(GOOD, () -> ChatFixtures.ok("fine"));
        Supplier<List<Credential>> credentials = () -> proxy.server().live().current().allCredentials();
        CooldownTracker tracker = proxy.server().cooldowns();
        management = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(new RoutingHandler()
                        .get("/v0/management/credentials", new CredentialStatesHandler(credentials, tracker))
                        .post("/v0/management/reset-quota", new ResetQuotaHandler(credentials, tracker)))
                .build();
        management.start();
    }

    @AfterEach
    void stop() {
        management.stop();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        int port = ((InetSocketAddress) management.getListenerInfo().get(0).getAddress()).getPort();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode state(String secret) throws Exception {
        HttpResponse<String> r = call("GET", "/v0/management/credentials", null);
        assertEquals(200, r.statusCode());
        for (JsonNode c : Json.MAPPER.readTree(r.body()).path("credentials")) {
            if (c.path("key").asText().equals(Secrets.mask(secret))) {
                return c;
            }
        }
        throw new AssertionError("credential not listed: " + r.body());
    }

    private void ask() {
        assertEquals(200, proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false)).statusCode());
    }

    @Test
    void listsEachCredentialsCooldownPerModelAndLastErrorWithMaskedKeysOnly() throws Exception {
        ask();

        HttpResponse<String> all = call("GET", "/v0/management/credentials", null);
        assertFalse(all.body().contains(QUOTA) || all.body().contains(GOOD), "never a secret: " + all.body());
        JsonNode quota = state(QUOTA);
        assertEquals("openai-compat", quota.path("provider").asText());
        assertEquals("sk-...0001", quota.path("key").asText());
        assertEquals("cooling", quota.path("status").asText());
        JsonNode cooldown = quota.path("cooldowns").get(0);
        assertEquals("up-model", cooldown.path("model").asText());
        assertEquals("quota", cooldown.path("reason").asText());
        assertEquals(120, cooldown.path("seconds-left").asLong());
        assertEquals(clock.instant().plusSeconds(120).toString(), cooldown.path("until").asText());
        assertEquals(429, quota.at("/last-error/status").asInt());
        assertEquals("You exceeded your current quota", quota.at("/last-error/message").asText());
        assertEquals("active", state(GOOD).path("status").asText());
        assertTrue(state(GOOD).path("cooldowns").isEmpty());
    }

    @Test
    void resetsOneCredentialByIdOrAnchorAuthIndexAndItServesAgainAtOnce() throws Exception {
        ask();
        String id = state(QUOTA).path("id").asText();

        HttpResponse<String> r = call("POST", "/v0/management/reset-quota", "{\"credential-id\":\"" + id + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = Json.MAPPER.readTree(r.body());
        assertEquals("ok", answer.path("status").asText());
        assertEquals(id, answer.path("auth_index").asText());
        assertEquals("up-model", answer.at("/models/0").asText());
        assertEquals("active", state(QUOTA).path("status").asText());

        keys.on(QUOTA, () -> ChatFixtures.ok("fine"));
        ask();
        assertEquals(2, keys.hits(QUOTA), "fill-first goes back to the first key right after the reset");

        keys.on(QUOTA, () -> ChatFixtures.quota(120, "again"));
        ask();
        assertEquals(200, call("POST", "/v0/management/reset-quota", "{\"auth_index\":\"" + id + "\"}")
                .statusCode(), "the anchor's field name works too");
        assertEquals("active", state(QUOTA).path("status").asText());
    }

    @Test
    void resetsEveryCooldownAtOnce() throws Exception {
        keys.on(GOOD, () -> ChatFixtures.error(503, "overloaded"));
        assertEquals(503, proxy.post("/v1/chat/completions", KEY, ChatFixtures.request("m", false)).statusCode());
        assertEquals("cooling", state(GOOD).path("status").asText());

        HttpResponse<String> r = call("POST", "/v0/management/reset-quota", "{\"all\":true}");
        assertEquals(200, r.statusCode());
        assertEquals(2, Json.MAPPER.readTree(r.body()).path("cleared").asInt());
        assertEquals("active", state(QUOTA).path("status").asText());
        assertEquals("active", state(GOOD).path("status").asText());
    }

    @Test
    void rejectsUnknownCredentialsAndMalformedBodies() throws Exception {
        HttpResponse<String> unknown = call("POST", "/v0/management/reset-quota", "{\"credential-id\":\"nope\"}");
        assertEquals(404, unknown.statusCode());
        assertEquals("auth not found", Json.MAPPER.readTree(unknown.body()).path("error").asText());
        for (String bad : List.of("", "[]", "not json", "{\"credential-id\":7}", "{}")) {
            HttpResponse<String> r = call("POST", "/v0/management/reset-quota", bad);
            assertEquals(400, r.statusCode(), bad);
            assertEquals("invalid body", Json.MAPPER.readTree(r.body()).path("error").asText());
        }
    }
}
