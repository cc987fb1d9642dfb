package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /config, GET /config.yaml and PUT /config.yaml. */
class ConfigFileEndpointsTest {

    private ManagementFixture mgmt;

    @BeforeEach
    void start() {
        mgmt = ManagementFixture.start("""
                # my comment
                api-keys: ["k1"]
                claude-api-key:
                  - api-key: sk-ant
                custom-key: {nested: true}
                """);
    }

    @AfterEach
    void stop() {
        mgmt.close();
    }

    @Test
    void getConfigIsTheLiveConfigWithoutTheManagementKeyOrMachineDetails() {
        HttpResponse<String> r = mgmt.get("/config");
        assertEquals(200, r.statusCode());
        JsonNode config = ManagementFixture.json(r.body());
        assertEquals(ManagementFixture.json("[\"k1\"]"), config.get("api-keys"));
        assertEquals("sk-ant", config.at("/claude-api-key/0/api-key").asText());
        assertTrue(config.at("/custom-key/nested").asBoolean(), "unknown keys are shown");
        assertFalse(config.path("debug").booleanValue());
        assertTrue(config.at("/quota-exceeded/switch-project").booleanValue(), "defaults are shown");
        assertEquals("round-robin", config.at("/routing/strategy").asText());
        for (String hidden : new String[] {"remote-management", "host", "port", "auth-dir"}) {
            assertFalse(config.has(hidden), hidden + " in " + r.body());
        }
        assertFalse(r.body().contains("$2a$"), r.body());
    }

    @Test
    void getConfigYamlIsTheFileAsItIs() {
        HttpResponse<String> r = mgmt.get("/config.yaml");
        assertEquals(200, r.statusCode());
        assertEquals("application/yaml; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(mgmt.configText(), r.body());
    }

    @Test
    void putConfigYamlReplacesTheFileAndAppliesIt() {
        String yaml = mgmt.configText().replace("api-keys: [\"k1\"]", "api-keys: [\"k9\"] # replaced")
                + "debug: true\n";
        assertReply(200, "{\"ok\":true,\"changed\":[\"config\"]}", mgmt.call("PUT", "/config.yaml", yaml));
        assertEquals(yaml, mgmt.configText());
        assertReply(200, "{\"api-keys\":[\"k9\"]}", mgmt.get("/api-keys"));
        assertReply(200, "{\"debug\":true}", mgmt.get("/debug"));
        assertEquals(200, mgmt.proxy().get("/v1/models", "k9").statusCode());
    }

    @Test
    void textThatIsNotAYamlMappingIs400InvalidYaml() {
        String before = mgmt.configText();
        for (String bad : new String[] {"port: [unclosed\n", "- a list\n", "", "a: 1\na: 2\n"}) {
            HttpResponse<String> r = mgmt.call("PUT", "/config.yaml", bad);
            assertEquals(400, r.statusCode(), bad + " -> " + r.body());
            JsonNode body = ManagementFixture.json(r.body());
            assertEquals("invalid_yaml", body.path("error").asText(), r.body());
            assertFalse(body.path("message").asText().isBlank(), r.body());
        }
        assertEquals(before, mgmt.configText());
    }

    @Test
    void yamlThatIsNotAValidConfigIs422InvalidConfigAndReplacesNothing() {
        String before = mgmt.configText();
        for (String bad : new String[] {"debug: true\nport: \"eighty\"\n", "routing:\n  strategy: random\n",
                "routing:\n  session-affinity-ttl: soon\n"}) {
            HttpResponse<String> r = mgmt.call("PUT", "/config.yaml", bad);
            assertEquals(422, r.statusCode(), bad + " -> " + r.body());
            assertEquals("invalid_config", ManagementFixture.json(r.body()).path("error").asText(), r.body());
        }
        HttpResponse<String> r = mgmt.call("PUT", "/config.yaml", "debug: true\nport: \"eighty\"\n");
        assertTrue(ManagementFixture.json(r.body()).path("message").asText()
                .startsWith("config.yaml line 2, column 7: 'port' must be an integer"), r.body());
        assertEquals(before, mgmt.configText());
        assertReply(200, "{\"api-keys\":[\"k1\"]}", mgmt.get("/api-keys"));
    }

    @Test
    void getConfigShowsTheNewSettingsWithTheirDefaults() {
        JsonNode config = ManagementFixture.json(mgmt.get("/config").body());
        assertEquals(0, config.path("max-retry-credentials").asInt(-1));
        assertFalse(config.at("/routing/session-affinity").asBoolean(true));
        assertEquals("1h", config.at("/routing/session-affinity-ttl").asText());
    }
}
