package dev.cliproxy.plugin.openaicompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ModelAlias;
import dev.cliproxy.api.Operation;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.formats.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiCompatProviderTest {

    private final OpenAiCompatProvider provider = new OpenAiCompatProvider();

    private static ProviderConfig config(String json) {
        return new ProviderConfig(Json.parse(json.getBytes()), List.of(), "");
    }

    @Test
    void oneCredentialPerKeyOfEachEntryWithTheEntrysModelsAndHeaders() {
        List<Credential> creds = provider.credentials(config("""
                {"openai-compatibility":[
                  {"name":"openrouter","base-url":"https://openrouter.ai/api/v1/","prefix":"or","priority":2,
                   "api-key-entries":[{"api-key":"sk-or-000001","proxy-url":"socks5://127.0.0.1:1080","weight":3},
                                      "sk-or-000002"],
                   "models":[{"name":"moonshotai/kimi-k2:free","alias":"kimi-k2"}],
                   "headers":{"X-Title":"cliproxy"},"excluded-models":["*-preview"]}]}"""));

        assertEquals(2, creds.size());
        Credential first = creds.get(0);
        assertEquals("https://openrouter.ai/api/v1", first.baseUrl(), "trailing slash removed");
        assertEquals("sk-or-000001", first.secret());
        assertEquals("socks5://127.0.0.1:1080", first.proxyUrl());
        assertEquals(3, first.weight());
        assertEquals(2, first.priority());
        assertEquals("or", first.prefix());
        assertEquals(List.of(new ModelAlias("moonshotai/kimi-k2:free", "kimi-k2")), first.models());
        assertEquals(Map.of("X-Title", "cliproxy"), first.headers());
        assertEquals(List.of("*-preview"), first.excludedModels());
        assertEquals("openrouter", first.attribute(CompatEntries.NAME, ""));
        assertEquals("sk-or-000002", creds.get(1).secret());
        assertFalse(first.id().equals(creds.get(1).id()), "each key has its own id");
        assertFalse(first.toString().contains("sk-or-000001"), "toString never shows the key");
    }

    @Test
    void entriesWithoutNameOrBaseUrlAndDisabledOnesAreSkipped() {
        List<Credential> creds = provider.credentials(config("""
                {"openai-compatibility":[
                  {"base-url":"http://a"},{"name":"no-url"},
                  {"name":"off","base-url":"http://b","disabled":true},
                  {"name":"local","base-url":"http://127.0.0.1:11434/v1"}]}"""));

        assertEquals(1, creds.size());
        assertEquals("", creds.get(0).secret(), "an entry without keys serves without a key");
    }

    @Test
    void speaksChatCompletionsAndCannotCountTokens() {
        Credential c = Credential.builder("c", OpenAiCompatProvider.ID).build();

        assertFalse(provider.supports(Operation.COUNT_TOKENS, c));
        assertTrue(provider.supports(Operation.GENERATE, c));
        assertEquals(dev.cliproxy.api.WireFormat.OPENAI_CHAT, provider.nativeFormat());
    }
}
