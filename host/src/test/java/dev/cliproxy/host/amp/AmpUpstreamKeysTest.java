package dev.cliproxy.host.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cliproxy.host.testing.ProxyWithUpstream;
import dev.cliproxy.host.testing.TestProxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-client upstream keys ({@code ampcode.upstream-api-keys}) through the real server: whichever way a client
 * presents its key, the fake ampcode receives the key mapped to it (unmapped keys: the default) as
 * {@code Authorization: Bearer} and {@code X-Api-Key}, and the client key nowhere; the client never sees an Amp key.
 */
class AmpUpstreamKeysTest {

    private static final List<String> CLIENT_KEYS = List.of("team-a-key-0001", "team-b-key-0002",
            "team-c-key-0003", "other-key-0004");
    private static final List<String> AMP_KEYS = List.of("amp-key-a", "amp-key-b", "amp-default-key");

    @RegisterExtension
    static final ProxyWithUpstream AMP = ProxyWithUpstream.withMockWebServer(config("amp-key-a"))
            .dispatcher(new FakeAmpcode());

    /** How a client presents its key. */
    enum Presented {
        BEARER, X_API_KEY, X_GOOG_API_KEY, QUERY_KEY, QUERY_AUTH_TOKEN;

        HttpRequest.Builder apply(TestProxy proxy, String path, String key) {
            String sep = path.contains("?") ? "&" : "?";
            return switch (this) {
                case BEARER -> AMP.request(path).header("Authorization", "Bearer " + key);
                case X_API_KEY -> AMP.request(path).header("x-api-key", key);
                case X_GOOG_API_KEY -> AMP.request(path).header("x-goog-api-key", key);
                case QUERY_KEY -> AMP.request(path + sep + "key=" + key);
                case QUERY_AUTH_TOKEN -> AMP.request(path + sep + "auth_token=" + key);
            };
        }
    }

    record Case(String clientKey, String expectedAmpKey, Presented presented, String path) {
    }

    static Stream<Case> cases() {
        String[] expected = {"amp-key-a", "amp-key-b", "amp-key-b", "amp-default-key"};
        String[] paths = {"/api/user?page=2", "/api/threads/T-42", "/api/internal?getUserInfo", "/news.rss"};
        List<Case> out = new ArrayList<>();
        for (int k = 0; k < CLIENT_KEYS.size(); k++) {
            for (Presented p : Presented.values()) {
                out.add(new Case(CLIENT_KEYS.get(k), expected[k], p, paths[(k + p.ordinal()) % paths.length]));
            }
        }
        return out.stream();
    }

    private static String config(String teamAUpstreamKey) {
        return """
                api-keys: [%s]
                remote-management:
                  secret-key: "amp-test-management-key"
                ampcode:
                  upstream-url: {upstream}
                  upstream-api-key: amp-default-key
                  upstream-api-keys:
                    - upstream-api-key: %s
                      api-keys: ["team-a-key-0001"]
                    - upstream-api-key: amp-key-b
                      api-keys: ["team-b-key-0002", "team-c-key-0003"]
                """.formatted(String.join(", ", CLIENT_KEYS), teamAUpstreamKey);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachClientKeyReachesAmpAsItsMappedKeyAndNeverAsItself(Case c) throws Exception {
        HttpResponse<String> r = AMP.send(c.presented().apply(AMP.proxy(), c.path(), c.clientKey()).GET().build());

        assertEquals(200, r.statusCode(), r.body());
        RecordedRequest sent = FakeAmpcode.next(AMP.upstream());
        assertUpstreamKey(sent, c.expectedAmpKey(), c.clientKey());
        assertEquals(c.path(), FakeAmpcode.target(sent), "the path and the other query parameters are kept");
        assertNoAmpKey(r);
    }

    @Test
    void aForwardedModelCallCarriesTheMappedKeyToo() throws Exception {
        for (int k = 0; k < CLIENT_KEYS.size(); k++) {
            String key = CLIENT_KEYS.get(k);
            HttpResponse<String> r = AMP.post("/api/provider/anthropic/v1/messages", key,
                    "{\"model\":\"claude-not-served\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"hi\"}]}");
            assertEquals(200, r.statusCode(), r.body());
            assertUpstreamKey(FakeAmpcode.next(AMP.upstream()), new String[] {"amp-key-a", "amp-key-b", "amp-key-b",
                    "amp-default-key"}[k], key);
            assertNoAmpKey(r);
        }
    }

    @Test
    void ampsBrowserPagesNeedNoClientKeyAndGetTheDefaultOrTheMappedKey() throws Exception {
        HttpResponse<String> anonymous = AMP.send(AMP.request("/auth/cli-login?authToken=abc").GET().build());
        assertEquals(200, anonymous.statusCode(), anonymous.body());
        RecordedRequest sent = FakeAmpcode.next(AMP.upstream());
        assertEquals("Bearer amp-default-key", sent.getHeaders().get("Authorization"));
        assertEquals("/auth/cli-login?authToken=abc", FakeAmpcode.target(sent));

        assertEquals(200, AMP.get("/settings", "team-b-key-0002").statusCode());
        assertUpstreamKey(FakeAmpcode.next(AMP.upstream()), "amp-key-b", "team-b-key-0002");
    }

    @Test
    void aReloadedKeyMappingAppliesToTheNextRequest() throws Exception {
        try {
            AMP.reload(config("amp-key-a2"));
            assertEquals(200, AMP.get("/api/user", "team-a-key-0001").statusCode());
            assertUpstreamKey(FakeAmpcode.next(AMP.upstream()), "amp-key-a2", "team-a-key-0001");
        } finally {
            AMP.reload(config("amp-key-a"));
        }
        assertEquals(200, AMP.get("/api/user", "team-a-key-0001").statusCode());
        assertUpstreamKey(FakeAmpcode.next(AMP.upstream()), "amp-key-a", "team-a-key-0001");
    }

    @Test
    void aKeyMappingChangedThroughTheManagementApiAppliesToTheNextRequest() throws Exception {
        try {
            HttpResponse<String> patched = AMP.send(AMP.request("/v0/management/ampcode/upstream-api-keys")
                    .header("X-Management-Key", "amp-test-management-key").method("PATCH",
                            HttpRequest.BodyPublishers.ofString("{\"value\":[{\"upstream-api-key\":\"amp-key-d\","
                                    + "\"api-keys\":[\"other-key-0004\"]}]}")).build());
            assertEquals(200, patched.statusCode(), patched.body());
            assertEquals(200, AMP.get("/api/user", "other-key-0004").statusCode());
            assertUpstreamKey(FakeAmpcode.next(AMP.upstream()), "amp-key-d", "other-key-0004");
        } finally {
            AMP.reload(config("amp-key-a"));
        }
    }

    private static void assertUpstreamKey(RecordedRequest sent, String ampKey, String clientKey) {
        assertEquals("Bearer " + ampKey, sent.getHeaders().get("Authorization"));
        assertEquals(ampKey, sent.getHeaders().get("X-Api-Key"));
        assertNull(sent.getHeaders().get("x-goog-api-key"));
        assertFalse(sent.getHeaders().toString().contains(clientKey), sent.getHeaders().toString());
        assertFalse(sent.getUrl().toString().contains(clientKey), sent.getUrl().toString());
        assertFalse(sent.getBody() != null && sent.getBody().utf8().contains(clientKey));
    }

    private static void assertNoAmpKey(HttpResponse<String> r) {
        for (String ampKey : AMP_KEYS) {
            assertFalse(r.headers().map().toString().contains(ampKey), r.headers().map().toString());
            assertFalse(r.body().contains(ampKey), r.body());
        }
    }
}
