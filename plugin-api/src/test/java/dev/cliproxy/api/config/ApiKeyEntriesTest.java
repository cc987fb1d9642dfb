package dev.cliproxy.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ModelAlias;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyEntriesTest {

    private final ApiKeyEntries entries = new ApiKeyEntries("claude", "claude-api-key", false);

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Credential> read(String json) {
        return entries.read(parse(json));
    }

    @Test
    void readsEveryFieldTrimmed() {
        Credential c = read("""
                [{"api-key":"  sk-one-0000001  ","base-url":" https://gw.example.com/v1// ","proxy-url":"direct",
                  "prefix":"//team/","priority":5,"weight":7,"headers":{"X-A":" b ","X-N":1,"X-Obj":{}},
                  "models":[{"name":" big ","alias":" small "},"plain",{"alias":"no-name"}],
                  "excluded-models":["*mini*", "", 3]}]""").get(0);

        assertEquals("sk-one-0000001", c.secret());
        assertEquals("https://gw.example.com/v1", c.baseUrl());
        assertEquals("direct", c.proxyUrl());
        assertEquals("team", c.prefix());
        assertEquals(5, c.priority());
        assertEquals(7, c.weight());
        assertEquals(Map.of("X-A", "b", "X-N", "1"), c.headers());
        assertEquals(List.of(new ModelAlias("big", "small"), new ModelAlias("plain", "")), c.models());
        assertEquals(List.of("*mini*"), c.excludedModels());
        assertEquals("claude-api-key[0]", c.label());
        assertEquals("claude", c.provider());
    }

    @Test
    void skipsUnusableEntriesAndDefaultsTheRest() {
        List<Credential> creds = read("""
                [{"base-url":"https://x"}, "just-a-string", {"api-key":""},
                 {"api-key":"sk-two-0000002","weight":-4}]""");

        assertEquals(1, creds.size());
        assertEquals(1, creds.get(0).weight(), "an invalid weight falls back to 1");
        assertEquals(0, creds.get(0).priority());
        assertEquals("claude-api-key[3]", creds.get(0).label());
    }

    @Test
    void requiredBaseUrlDropsEntriesWithoutOne() {
        ApiKeyEntries codex = new ApiKeyEntries("codex", "codex-api-key", true);

        List<Credential> creds = codex.read(parse(
                "[{\"api-key\":\"a-0000001\"},{\"api-key\":\"b-0000002\",\"base-url\":\"https://h\"}]"));

        assertEquals(1, creds.size());
        assertEquals("https://h", creds.get(0).baseUrl());
    }

    @Test
    void idsAreStableDistinctAndSecretFree() {
        String json = "[{\"api-key\":\"sk-same-0000001\"},{\"api-key\":\"sk-same-0000001\",\"prefix\":\"p\"}]";

        List<Credential> a = read(json);
        List<Credential> b = read(json);

        assertEquals(a.get(0).id(), b.get(0).id());
        assertNotEquals(a.get(0).id(), a.get(1).id(), "the prefix is part of the identity");
        assertTrue(a.get(0).id().startsWith("claude-") && !a.get(0).id().contains("0000001"));
    }

    @Test
    void plainKeyListsBecomeDefaultCredentials() {
        List<Credential> creds = new ApiKeyEntries("gemini", "generative-language-api-key", false)
                .readKeys(parse("[\" AIza-1 \", 7, \"\"]"));

        assertEquals(1, creds.size());
        assertEquals("AIza-1", creds.get(0).secret());
        assertEquals("", creds.get(0).baseUrl());
    }

    @Test
    void aMissingSectionGivesNoCredentials() {
        assertEquals(List.of(), entries.read(new ObjectMapper().createObjectNode().path("claude-api-key")));
        assertEquals(List.of(), entries.read(null));
    }
}
