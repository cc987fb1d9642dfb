package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /auth-files/models (what one credential serves) and GET /model-definitions/{channel} (a catalogue). */
class ModelEndpointsTest {

    private static ManagementFixture mgmt;

    @BeforeAll
    static void start() {
        mgmt = ManagementFixture.start("""
                claude-api-key:
                  - api-key: sk-ant-catalogue-0123456789
                  - api-key: sk-ant-aliased-0123456789
                    prefix: team
                    models:
                      - name: claude-upstream-name
                        alias: my-claude
                """);
    }

    @AfterAll
    static void stop() {
        mgmt.close();
    }

    /** The id ({@code auth_index}) of the credential labelled {@code label}. */
    private static String credentialId(String label) {
        for (JsonNode c : ManagementFixture.json(mgmt.get("/credentials").body()).path("credentials")) {
            if (c.path("label").asText().equals(label)) {
                return c.path("auth_index").asText();
            }
        }
        throw new AssertionError("no credential " + label);
    }

    private static List<String> ids(JsonNode models) {
        List<String> ids = new ArrayList<>();
        models.forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    @Test
    void listsTheModelsOneCredentialServes() {
        String id = credentialId("claude-api-key[1]");
        assertReply(200, """
                {"models":[
                  {"id":"team/my-claude","display_name":"my-claude","type":"claude","owned_by":"claude"},
                  {"id":"my-claude","display_name":"my-claude","type":"claude","owned_by":"claude"}]}""",
                mgmt.get("/auth-files/models?name=" + id));
    }

    @Test
    void aCredentialWithoutModelsServesItsProvidersCatalogue() {
        JsonNode served = ManagementFixture.json(mgmt.get("/auth-files/models?name="
                + credentialId("claude-api-key[0]")).body()).path("models");
        JsonNode catalogue = ManagementFixture.json(mgmt.get("/model-definitions/claude").body()).path("models");
        assertFalse(catalogue.isEmpty());
        assertEquals(ids(catalogue), ids(served));
    }

    @Test
    void anUnknownNameServesNothingAndAMissingOneIsRefused() {
        assertReply(200, "{\"models\":[]}", mgmt.get("/auth-files/models?name=nobody.json"));
        assertReply(400, "{\"error\":\"name is required\"}", mgmt.get("/auth-files/models"));
    }

    @Test
    void modelDefinitionsDescribeEachModelOfTheChannel() {
        HttpResponse<String> r = mgmt.get("/model-definitions/claude");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = ManagementFixture.json(r.body());
        assertEquals("claude", body.path("channel").asText());
        for (JsonNode m : body.path("models")) {
            assertEquals("model", m.path("object").asText(), m.toString());
            assertEquals("claude", m.path("type").asText(), m.toString());
            assertFalse(m.path("display_name").asText().isEmpty(), m.toString());
            assertFalse(m.path("owned_by").asText().isEmpty(), m.toString());
            assertTrue(m.has("created"), m.toString());
        }
    }

    @Test
    void channelsAreMatchedWithoutCaseByIdOrTheAnchorsNameAndAsAQueryParameter() {
        JsonNode gemini = ManagementFixture.json(mgmt.get("/model-definitions/gemini").body());
        assertFalse(gemini.path("models").isEmpty(), gemini.toString());
        assertEquals(gemini.path("models"), ManagementFixture.json(mgmt.get("/model-definitions/AIStudio").body())
                .path("models"));
        assertEquals(gemini.path("models"), ManagementFixture.json(mgmt.get("/model-definitions?channel=Gemini")
                .body()).path("models"));
        assertFalse(ManagementFixture.json(mgmt.get("/model-definitions/codex").body()).path("models").isEmpty());
        assertReply(200, "{\"channel\":\"openai-compatibility\",\"models\":[]}",
                mgmt.get("/model-definitions/openai-compatibility"));
    }

    @Test
    void anUnknownOrMissingChannelIsRefused() {
        assertReply(400, "{\"error\":\"unknown channel\",\"channel\":\"nope\"}", mgmt.get("/model-definitions/nope"));
        assertReply(400, "{\"error\":\"channel is required\"}", mgmt.get("/model-definitions"));
    }
}
