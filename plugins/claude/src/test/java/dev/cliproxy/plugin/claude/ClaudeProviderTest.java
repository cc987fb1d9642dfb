package dev.cliproxy.plugin.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ModelInfo;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaudeProviderTest {

    private final ClaudeProvider provider = new ClaudeProvider();

    private static ProviderConfig config(String json) {
        return new ProviderConfig(Json.parse(json.getBytes()), List.of(), "");
    }

    @Test
    void readsClaudeApiKeyEntries() {
        List<Credential> creds = provider.credentials(config("""
                {"claude-api-key":[
                  {"api-key":"sk-ant-one-000001","base-url":"https://gw.example.com/","prefix":"/team/",
                   "proxy-url":"socks5://127.0.0.1:1080","priority":2,"weight":3,"headers":{"X-A":"b"},
                   "models":[{"name":"claude-opus-4-7","alias":"opus"}],"excluded-models":["*haiku*"]},
                  {"api-key":"sk-ant-two-000002"},
                  {"base-url":"https://no-key.example.com"}]}"""));

        assertEquals(2, creds.size());
        Credential first = creds.get(0);
        assertEquals("claude", first.provider());
        assertEquals("https://gw.example.com", first.baseUrl());
        assertEquals("team", first.prefix());
        assertEquals("socks5://127.0.0.1:1080", first.proxyUrl());
        assertEquals(2, first.priority());
        assertEquals(3, first.weight());
        assertEquals("opus", first.models().get(0).clientName());
        assertEquals(List.of("*haiku*"), first.excludedModels());
        assertEquals("", creds.get(1).baseUrl(), "empty means the default https://api.anthropic.com");
        assertFalse(first.id().contains("000001") || first.toString().contains("sk-ant-one-000001"),
                "ids and toString never show the key");
    }

    @Test
    void idsAreStableAcrossReloads() {
        String json = "{\"claude-api-key\":[{\"api-key\":\"sk-ant-one-000001\"},{\"api-key\":\"sk-ant-two-000002\"}]}";

        List<String> a = provider.credentials(config(json)).stream().map(Credential::id).toList();
        List<String> b = provider.credentials(config(json)).stream().map(Credential::id).toList();

        assertEquals(a, b);
        assertEquals(2, a.stream().distinct().count());
    }

    @Test
    void catalogueListsCurrentClaudeModels() {
        List<String> ids = provider.defaultModels(Credential.builder("c", "claude").secret("k").build()).stream()
                .map(ModelInfo::id).toList();

        assertTrue(ids.containsAll(List.of("claude-opus-4-7", "claude-sonnet-4-6", "claude-haiku-4-5-20251001")),
                ids.toString());
        assertEquals(WireFormat.CLAUDE_MESSAGES, provider.nativeFormat());
    }
}
