package dev.cliproxy.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.CompatConfig;
import dev.cliproxy.host.testing.KeyedDispatcher;
import dev.cliproxy.host.testing.MutableClock;
import dev.cliproxy.host.testing.ProxyWithUpstream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code routing.session-affinity} through the real server: one session stays on one of three accounts. */
class SessionAffinityEndToEndTest {

    private static final String KEY = "client-key-0123456789";
    private static final List<String> KEYS = List.of("key-a-0000000000001", "key-b-0000000000002",
            "key-c-0000000000003");

    private final KeyedDispatcher keys = new KeyedDispatcher();
    private final MutableClock clock = MutableClock.startingNow();
    /** Keys answering 429 now: their hits are failed attempts, never the one that served. */
    private final Set<String> cooling = new HashSet<>();

    @RegisterExtension
    final ProxyWithUpstream proxy = ProxyWithUpstream.withMockWebServer().dispatcher(keys).clock(clock);

    @BeforeEach
    void answerOk() {
        KEYS.forEach(k -> keys.on(k, () -> ChatFixtures.ok("fine")));
    }

    private String config(String routing) {
        return CompatConfig.withKeys(KEY, KEYS, "routing: " + routing);
    }

    /** Sends one chat request with {@code header} (name, value) and returns the upstream key that served it. */
    private String sendInSession(String header, String session) {
        Map<String, Integer> before = hitsNow();
        HttpRequest r = proxy.request("/v1/chat/completions").header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json").header(header, session)
                .POST(HttpRequest.BodyPublishers.ofString(ChatFixtures.request("m", false))).build();
        assertEquals(200, proxy.send(r).statusCode());
        return servedSince(before);
    }

    private String sendBody(String json) {
        Map<String, Integer> before = hitsNow();
        assertEquals(200, proxy.post("/v1/chat/completions", KEY, json).statusCode());
        return servedSince(before);
    }

    private Map<String, Integer> hitsNow() {
        return KEYS.stream().collect(Collectors.toMap(Function.identity(), keys::hits));
    }

    /** The key whose successful hit came last: the one that answered 200 after any failed attempts. */
    private String servedSince(Map<String, Integer> before) {
        return KEYS.stream().filter(k -> keys.hits(k) > before.get(k))
                .filter(k -> !cooling.contains(k)).findFirst().orElseThrow();
    }

    @Test
    void aSessionStaysOnOneAccountAnotherUsesAnotherAndRebindsWhenItCools() {
        proxy.start(config("{strategy: round-robin, session-affinity: true}"));
        String first = sendInSession("X-Session-ID", "session-one");
        String second = sendInSession("X-Session-ID", "session-two");
        assertNotEquals(first, second, "round-robin gives the second session the next account");
        for (int i = 0; i < 50; i++) {
            assertEquals(first, sendInSession("X-Session-ID", "session-one"), "request " + i + " of session one");
            if (i % 5 == 0) {
                assertEquals(second, sendInSession("X-Session-ID", "session-two"));
            }
        }
        assertEquals(51, keys.hits(first), "all of session one on its account");

        keys.on(first, () -> ChatFixtures.quota(600, "quota gone"));
        cooling.add(first);
        String rebound = sendInSession("X-Session-ID", "session-one");
        assertNotEquals(first, rebound, "the cooling account is left");
        for (int i = 0; i < 10; i++) {
            assertEquals(rebound, sendInSession("X-Session-ID", "session-one"), "session one stays rebound");
        }
        assertEquals(52, keys.hits(first), "the cooling account was tried once, then never again");
    }

    @Test
    void withoutAffinityTheSameSessionIsSpreadRoundRobin() {
        proxy.start(config("{strategy: round-robin}"));
        for (int i = 0; i < 6; i++) {
            sendInSession("X-Session-ID", "session-one");
        }
        KEYS.forEach(k -> assertEquals(2, keys.hits(k), k));
    }

    @Test
    void codexClaudeCodeAndPromptCacheKeySessionsAreEachKept() {
        proxy.start(config("{session-affinity: true}"));
        String codex = sendInSession("Session_id", "codex-1");
        String claude = sendInSession("X-Claude-Code-Session-Id", "claude-1");
        String cacheKey = sendBody("""
                {"model":"m","prompt_cache_key":"pck-1","messages":[{"role":"user","content":"hi"}]}""");
        String claudeUser = sendBody("""
                {"model":"m","metadata":{"user_id":"{\\"device_id\\":\\"d\\",\\"session_id\\":\\"s-9\\"}"},\
                "messages":[{"role":"user","content":"hi"}]}""");
        for (int i = 0; i < 5; i++) {
            assertEquals(codex, sendInSession("Session_id", "codex-1"));
            assertEquals(claude, sendInSession("X-Claude-Code-Session-Id", "claude-1"));
            assertEquals(cacheKey, sendBody("""
                    {"model":"m","prompt_cache_key":"pck-1","messages":[{"role":"user","content":"again"}]}"""));
            assertEquals(claudeUser, sendBody("""
                    {"model":"m","metadata":{"user_id":"{\\"session_id\\":\\"s-9\\"}"},\
                    "messages":[{"role":"user","content":"next"}]}"""));
        }
    }

    @Test
    void withoutASessionIdTheConversationsFirstMessageKeepsItOnOneAccount() {
        proxy.start(config("{session-affinity: true}"));
        String conversation = """
                {"model":"m","messages":[{"role":"system","content":"be brief"},\
                {"role":"user","content":"plan the refactor"}%s]}""";
        String served = sendBody(conversation.formatted(""));
        StringBuilder turns = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            turns.append(",{\"role\":\"assistant\",\"content\":\"step ").append(i)
                    .append("\"},{\"role\":\"user\",\"content\":\"go on\"}");
            assertEquals(served, sendBody(conversation.formatted(turns)), "turn " + i);
        }
    }

    @Test
    void aBindingEndsAfterTheTtlWithoutUse() {
        proxy.start(config("{session-affinity: true, session-affinity-ttl: 10m}"));
        String first = sendInSession("X-Session-ID", "s");
        assertEquals(first, sendInSession("X-Session-ID", "s"));
        clock.advance(Duration.ofMinutes(11));
        assertNotEquals(first, sendInSession("X-Session-ID", "s"), "round-robin again once the binding expired");
    }
}
