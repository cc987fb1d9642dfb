package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.assertOk;
import static dev.cliproxy.host.management.ManagementFixture.assertReply;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ampcode section: upstream URL and key, and the per-client upstream key mapping. */
class AmpcodeEndpointsTest {

    private ManagementFixture mgmt;

    @BeforeEach
    void start() {
        mgmt = ManagementFixture.start("");
    }

    @AfterEach
    void stop() {
        mgmt.close();
    }

    @Test
    void theWholeSectionHasItsDefaults() {
        assertReply(200, "{\"ampcode\":{\"upstream-url\":\"\",\"upstream-api-key\":\"\",\"upstream-api-keys\":[],"
                + "\"model-mappings\":[],\"restrict-management-to-localhost\":false,\"force-model-mappings\":false}}",
                mgmt.get("/ampcode"));
    }

    @Test
    void upstreamUrlAndKeyAreSetAndCleared() {
        assertOk(mgmt.call("PUT", "/ampcode/upstream-url", "{\"value\":\" https://ampcode.com \"}"));
        assertOk(mgmt.call("PATCH", "/ampcode/upstream-api-key", "{\"value\":\"amp-default\"}"));
        assertReply(200, "{\"upstream-url\":\"https://ampcode.com\"}", mgmt.get("/ampcode/upstream-url"));
        assertReply(200, "{\"upstream-api-key\":\"amp-default\"}", mgmt.get("/ampcode/upstream-api-key"));
        assertOk(mgmt.call("DELETE", "/ampcode/upstream-api-key", null));
        assertReply(200, "{\"upstream-api-key\":\"\"}", mgmt.get("/ampcode/upstream-api-key"));
        assertOk(mgmt.call("PUT", "/ampcode/force-model-mappings", "{\"value\":true}"));
        assertReply(200, "{\"force-model-mappings\":true}", mgmt.get("/ampcode/force-model-mappings"));
        assertReply(400, "{\"error\":\"invalid body\"}", mgmt.call("PUT", "/ampcode/upstream-url", "{\"value\":1}"));
    }

    @Test
    void upstreamApiKeysMapClientKeysToUpstreamKeys() {
        assertOk(mgmt.call("PUT", "/ampcode/upstream-api-keys", "{\"value\":[{\"upstream-api-key\":\" amp-a \","
                + "\"api-keys\":[\"team-a\",\" \"]},{\"upstream-api-key\":\"\",\"api-keys\":[\"x\"]}]}"));
        assertReply(200, "{\"upstream-api-keys\":[{\"upstream-api-key\":\"amp-a\",\"api-keys\":[\"team-a\"]}]}",
                mgmt.get("/ampcode/upstream-api-keys"));
        assertOk(mgmt.call("PATCH", "/ampcode/upstream-api-keys", "{\"value\":[{\"upstream-api-key\":\"amp-a\","
                + "\"api-keys\":[\"team-a\",\"team-c\"]},{\"upstream-api-key\":\"amp-b\",\"api-keys\":[\"team-b\"]}]}"));
        assertReply(200, "{\"upstream-api-keys\":[{\"upstream-api-key\":\"amp-a\",\"api-keys\":[\"team-a\","
                + "\"team-c\"]},{\"upstream-api-key\":\"amp-b\",\"api-keys\":[\"team-b\"]}]}",
                mgmt.get("/ampcode/upstream-api-keys"));
        assertOk(mgmt.call("DELETE", "/ampcode/upstream-api-keys", "{\"value\":[\"amp-a\"]}"));
        assertReply(200, "{\"upstream-api-keys\":[{\"upstream-api-key\":\"amp-b\",\"api-keys\":[\"team-b\"]}]}",
                mgmt.get("/ampcode/upstream-api-keys"));
        assertReply(400, "{\"error\":\"missing value\"}", mgmt.call("DELETE", "/ampcode/upstream-api-keys", null));
        assertOk(mgmt.call("DELETE", "/ampcode/upstream-api-keys", "{\"value\":[]}"));
        assertReply(200, "{\"upstream-api-keys\":[]}", mgmt.get("/ampcode/upstream-api-keys"));
    }

    @Test
    void modelMappingsAreKeyedByFrom() {
        assertOk(mgmt.call("PUT", "/ampcode/model-mappings", "{\"value\":[{\"from\":\"a\",\"to\":\"b\"}]}"));
        assertOk(mgmt.call("PATCH", "/ampcode/model-mappings", "{\"value\":[{\"from\":\"a\",\"to\":\"c\"},"
                + "{\"from\":\"x\",\"to\":\"y\"}]}"));
        assertReply(200, "{\"model-mappings\":[{\"from\":\"a\",\"to\":\"c\"},{\"from\":\"x\",\"to\":\"y\"}]}",
                mgmt.get("/ampcode/model-mappings"));
        assertOk(mgmt.call("DELETE", "/ampcode/model-mappings", "{\"value\":[\"x\"]}"));
        assertReply(200, "{\"ampcode\":{\"model-mappings\":[{\"from\":\"a\",\"to\":\"c\"}],\"upstream-url\":\"\","
                + "\"upstream-api-key\":\"\",\"upstream-api-keys\":[],\"restrict-management-to-localhost\":false,"
                + "\"force-model-mappings\":false}}", mgmt.get("/ampcode"));
    }
}
