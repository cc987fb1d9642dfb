package dev.cliproxy.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.TestProxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model listings with the Claude, Gemini and Codex plugins configured in API-key mode: built-in catalogues
 * for entries without {@code models}, configured names and aliases otherwise, {@code excluded-models} wildcards and
 * prefixes applied, in the OpenAI, Anthropic and Gemini listing shapes.
 */
class ProviderModelListingTest {

    private static final String KEY = "listing-client-key-0123456789";
    private static TestProxy proxy;

    @BeforeAll
    static void start() {
        proxy = TestProxy.start("""
                api-keys: ["%s"]
                claude-api-key:
                  - api-key: sk-ant-listing-000001
                    prefix: team
                    excluded-models: ["claude-opus-*", "*HAIKU*"]
                gemini-api-key:
                  - api-key: AIza-listing-000001
                    models:
                      - name: gemini-2.5-pro
                        alias: gpro
                generative-language-api-key: ["AIza-legacy-000002"]
                codex-api-key:
                  - api-key: sk-codex-without-base-url
                  - api-key: sk-codex-listing-000003
                    base-url: https://codex.example.com/v1
                    models: [gpt-5.5]
                """.formatted(KEY));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    private static JsonNode get(String path, String... headers) {
        HttpRequest.Builder b = proxy.request(path).header("Authorization", "Bearer " + KEY).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = proxy.send(b.build());
        assertEquals(200, r.statusCode(), r.body());
        return Json.parse(r.body().getBytes());
    }

    private static List<String> ids(JsonNode list, String arrayField, String idField) {
        List<String> ids = new ArrayList<>();
        list.path(arrayField).forEach(m -> ids.add(m.path(idField).asText()));
        return ids;
    }

    @Test
    void openAiListingShowsCataloguesAliasesAndPrefixesMinusExclusions() {
        JsonNode list = get("/v1/models");

        List<String> ids = ids(list, "data", "id");
        assertEquals("list", list.path("object").asText());
        assertTrue(ids.contains("claude-sonnet-4-5-20250929") && ids.contains("team/claude-sonnet-4-5-20250929"),
                ids.toString());
        assertFalse(ids.stream().anyMatch(id -> id.contains("claude-opus") || id.contains("haiku")),
                "excluded-models wildcards, case-insensitive: " + ids);
        assertTrue(ids.contains("gpro") && !ids.contains("team/gpro"), ids.toString());
        assertTrue(ids.contains("gemini-2.5-flash"), "the legacy key serves the Gemini catalogue: " + ids);
        assertEquals(1, ids.stream().filter("gpt-5.5"::equals).count(), "one Codex entry kept: " + ids);
        assertFalse(ids.contains("gpt-6-astra"), "the Codex entry lists only its configured model: " + ids);
        assertEquals(ids.size(), ids.stream().distinct().count(), "each model once: " + ids);
        list.path("data").forEach(m -> assertEquals("model", m.path("object").asText()));
    }

    @Test
    void claudeClientsGetTheAnthropicShape() {
        for (JsonNode list : List.of(get("/v1/models", "anthropic-version", "2023-06-01"),
                get("/v1/models", "User-Agent", "claude-cli/2.1.4 (external, cli)"))) {
            assertFalse(list.path("has_more").asBoolean(true));
            JsonNode first = list.at("/data/0");
            assertEquals("model", first.path("type").asText(), list.toString());
            assertFalse(first.path("display_name").asText().isEmpty());
            assertTrue(first.path("created_at").asText().endsWith("Z"), first.toString());
            assertEquals(first.path("id").asText(), list.path("first_id").asText());
        }
    }

    @Test
    void geminiListingUsesModelsNamesAndGenerationMethods() {
        JsonNode list = get("/v1beta/models");
        JsonNode one = get("/v1beta/models/gemini-2.5-flash");

        assertTrue(ids(list, "models", "name").contains("models/gemini-2.5-flash"), list.toString());
        assertEquals("models/gemini-2.5-flash", one.path("name").asText());
        assertEquals("Gemini 2.5 Flash", one.path("displayName").asText());
        assertEquals(1_048_576, one.path("inputTokenLimit").asInt());
        assertTrue(one.path("supportedGenerationMethods").toString().contains("streamGenerateContent"));
    }

    @Test
    void unknownSingleModelIs404InTheListingsFormat() {
        HttpResponse<String> gemini = proxy.send(proxy.request("/v1beta/models/claude-opus-4-7")
                .header("x-goog-api-key", KEY).GET().build());
        HttpResponse<String> openAi = proxy.send(proxy.request("/v1/models/claude-opus-4-7")
                .header("Authorization", "Bearer " + KEY).GET().build());

        assertEquals(404, gemini.statusCode());
        assertEquals("NOT_FOUND", Json.parse(gemini.body().getBytes()).at("/error/status").asText(), gemini.body());
        assertEquals(404, openAi.statusCode());
        assertEquals("model_not_found", Json.parse(openAi.body().getBytes()).at("/error/code").asText());
    }
}
