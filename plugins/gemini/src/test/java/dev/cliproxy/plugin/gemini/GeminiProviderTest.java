package dev.cliproxy.plugin.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ModelInfo;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.formats.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiProviderTest {

    private final GeminiProvider provider = new GeminiProvider();

    private List<Credential> read(String json) {
        return provider.credentials(new ProviderConfig(Json.parse(json.getBytes()), List.of(), ""));
    }

    @Test
    void readsGeminiApiKeyEntriesAndTheLegacyKeyList() {
        List<Credential> creds = read("""
                {"gemini-api-key":[{"api-key":"AIza-entry-000001","base-url":"https://proxy.example.com",
                                    "models":[{"name":"gemini-2.5-pro","alias":"pro"}]}],
                 "generative-language-api-key":["AIza-legacy-000002", "", "AIza-legacy-000003"]}""");

        assertEquals(3, creds.size());
        assertEquals("https://proxy.example.com", creds.get(0).baseUrl());
        assertEquals("pro", creds.get(0).models().get(0).clientName());
        assertEquals("AIza-legacy-000002", creds.get(1).secret());
        assertEquals("", creds.get(1).baseUrl());
        assertEquals("generative-language-api-key[0]", creds.get(1).label());
    }

    @Test
    void aKeyInBothListsIsUsedOnce() {
        List<Credential> creds = read("""
                {"gemini-api-key":[{"api-key":"AIza-same-000001"}],
                 "generative-language-api-key":["AIza-same-000001"]}""");

        assertEquals(1, creds.size());
    }

    @Test
    void catalogueListsCurrentGeminiModelsWithLimits() {
        List<ModelInfo> models = provider.defaultModels(Credential.builder("g", "gemini").secret("k").build());

        assertTrue(models.stream().anyMatch(m -> m.id().equals("gemini-2.5-flash") && m.inputTokenLimit() > 0));
        assertTrue(models.stream().allMatch(m -> m.ownedBy().equals("google")));
    }

    @Test
    void servesTheModelsGeminiCliAsksForWithoutAModelFlag() {
        // `gemini -p` routes with gemini-3.5-flash-lite and answers with gemini-3.8-flash: a 404 crashed it
        List<String> ids = provider.defaultModels(Credential.builder("g", "gemini").secret("k").build()).stream()
                .map(ModelInfo::id).toList();

        assertTrue(ids.containsAll(List.of("gemini-3.8-flash", "gemini-3.5-flash-lite", "gemini-3.5-flash",
                "gemini-3.1-flash-lite", "gemini-3-pro-preview", "gemini-3-flash-preview", "gemini-2.5-pro")),
                ids.toString());
    }
}
