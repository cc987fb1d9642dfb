package dev.cliproxy.plugin.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.api.Credential;
import dev.cliproxy.api.ModelInfo;
import dev.cliproxy.api.ProviderConfig;
import dev.cliproxy.api.WireFormat;
import dev.cliproxy.formats.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodexProviderTest {

    private final CodexProvider provider = new CodexProvider();

    @Test
    void entriesWithoutBaseUrlAreDropped() {
        List<Credential> creds = provider.credentials(new ProviderConfig(Json.parse("""
                {"codex-api-key":[{"api-key":"sk-no-base-000001"},
                                  {"api-key":"sk-with-base-000002","base-url":"https://api.openai.com/v1/"}]}"""
                .getBytes()), List.of(), ""));

        assertEquals(1, creds.size());
        assertEquals("https://api.openai.com/v1", creds.get(0).baseUrl());
        assertTrue(creds.get(0).alwaysStreams(), "the Codex backend only streams");
    }

    @Test
    void speaksResponsesWithACodexCatalogue() {
        List<String> ids = provider.defaultModels(Credential.builder("c", "codex").secret("k").baseUrl("http://x").build()).stream()
                .map(ModelInfo::id).toList();

        assertEquals(WireFormat.OPENAI_RESPONSES, provider.nativeFormat());
        assertTrue(ids.contains("gpt-5.5"), ids.toString());
    }

    @Test
    void servesTheModelsCodexCliAsksForWithoutAModelSetting() {
        // `codex exec` with no model configured asks for its default, gpt-6.1-sol: a 404 otherwise
        List<String> ids = provider.defaultModels(Credential.builder("c", "codex").secret("k").baseUrl("http://x").build()).stream()
                .map(ModelInfo::id).toList();

        assertTrue(ids.containsAll(List.of("gpt-6.1-sol", "gpt-6.1-terra", "gpt-6-sol", "gpt-6-luna", "gpt-6-astra")),
                ids.toString());
    }
}
