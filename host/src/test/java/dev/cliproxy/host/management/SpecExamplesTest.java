package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.assertOk;
import static dev.cliproxy.host.management.ManagementFixture.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The curl examples of the management API spec, sent as written (method, headers, body, query) with the
 * management key, and the answers compared as JSON with the spec's.
 */
class SpecExamplesTest {

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
    void setsDebugWithPut() {
        assertOk(mgmt.call("PUT", "/debug", "{\"value\":true}"));
        assertReply(200, "{\"debug\":true}", mgmt.get("/debug"));
    }

    @Test
    void setsProxyUrlWithPatch() {
        assertOk(mgmt.call("PATCH", "/proxy-url", "{\"value\":\"socks5://user:pass@127.0.0.1:1080/\"}"));
        assertReply(200, "{\"proxy-url\":\"socks5://user:pass@127.0.0.1:1080/\"}", mgmt.get("/proxy-url"));
    }

    @Test
    void setsSwitchProjectWithPut() {
        assertOk(mgmt.call("PUT", "/quota-exceeded/switch-project", "{\"value\":false}"));
        assertReply(200, "{\"switch-project\":false}", mgmt.get("/quota-exceeded/switch-project"));
    }

    @Test
    void replacesPatchesAndDeletesApiKeys() {
        assertOk(mgmt.call("PUT", "/api-keys", "[\"k1\",\"k2\",\"k3\"]"));
        assertOk(mgmt.call("PATCH", "/api-keys", "{\"old\":\"k2\",\"new\":\"k2b\"}"));
        assertReply(200, "{ \"api-keys\": [\"k1\",\"k2b\",\"k3\"] }", mgmt.get("/api-keys"));

        assertOk(mgmt.call("DELETE", "/api-keys?value=k1", null));
        assertReply(200, "{\"api-keys\":[\"k2b\",\"k3\"]}", mgmt.get("/api-keys"));
    }

    @Test
    void generativeLanguageKeysHaveTheSameShapes() {
        assertOk(mgmt.call("PUT", "/generative-language-api-key", "{\"items\":[\"g1\",\"g2\"]}"));
        assertOk(mgmt.call("PATCH", "/generative-language-api-key", "{\"index\":0,\"value\":\"g1b\"}"));
        assertOk(mgmt.call("DELETE", "/generative-language-api-key?index=1", null));
        assertReply(200, "{\"generative-language-api-key\":[\"g1b\"]}", mgmt.get("/generative-language-api-key"));
    }

    @Test
    void claudeKeysReplacePatchByIndexPatchByMatchAndDelete() {
        assertOk(mgmt.call("PUT", "/claude-api-key",
                "[{\"api-key\":\"sk-a\"},{\"api-key\":\"sk-b\",\"base-url\":\"https://c.example.com\"}]"));
        assertOk(mgmt.call("PATCH", "/claude-api-key",
                "{\"index\":1,\"value\":{\"api-key\":\"sk-b2\",\"base-url\":\"https://c.example.com\"}}"));
        assertOk(mgmt.call("PATCH", "/claude-api-key",
                "{\"match\":\"sk-a\",\"value\":{\"api-key\":\"sk-a\",\"base-url\":\"\"}}"));
        assertOk(mgmt.call("DELETE", "/claude-api-key?api-key=sk-b2", null));

        assertReply(200, """
                {
                "claude-api-key": [
                { "api-key": "sk-a", "base-url": "" }
                ]
                }""", mgmt.get("/claude-api-key"));
    }

    @Test
    void openAiCompatibilityReplacePatchByNameAndDeleteByIndex() {
        assertOk(mgmt.call("PUT", "/openai-compatibility", "[{\"name\":\"openrouter\",\"base-url\":"
                + "\"https://openrouter.ai/api/v1\",\"api-keys\":[\"sk\"],\"models\":[{\"name\":\"m\",\"alias\":\"a\"}]}]"));
        assertOk(mgmt.call("PATCH", "/openai-compatibility", "{\"name\":\"openrouter\",\"value\":{\"name\":"
                + "\"openrouter\",\"base-url\":\"https://openrouter.ai/api/v1\",\"api-keys\":[],\"models\":[]}}"));
        assertReply(200, "{ \"openai-compatibility\": [ { \"name\": \"openrouter\", \"base-url\": "
                + "\"https://openrouter.ai/api/v1\", \"api-keys\": [], \"models\": [] } ] }",
                mgmt.get("/openai-compatibility"));

        assertOk(mgmt.call("DELETE", "/openai-compatibility?index=0", null));
        assertReply(200, "{\"openai-compatibility\":[]}", mgmt.get("/openai-compatibility"));
    }

    @Test
    void uploadsListsDownloadsAndDeletesAuthFiles() {
        String content = "{\"type\":\"claude\",\"email\":\"a@example.com\"}";
        String boundary = "----spec-boundary";
        String multipart = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"acc1.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        assertOk(mgmt.proxy().send(mgmt.request("POST", "/auth-files", null)
                .header("Authorization", "Bearer " + ManagementFixture.KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method("POST", java.net.http.HttpRequest.BodyPublishers.ofString(multipart)).build()));
        assertOk(mgmt.call("POST", "/auth-files?name=acc2.json", "{\"type\":\"codex\"}"));

        HttpResponse<String> list = mgmt.get("/auth-files");
        assertEquals(200, list.statusCode(), list.body());
        var files = ManagementFixture.json(list.body()).path("files");
        assertEquals(2, files.size(), list.body());
        assertEquals("acc1.json", files.get(0).path("name").asText());
        assertEquals(content.length(), files.get(0).path("size").asInt());
        assertTrue(files.get(0).path("modtime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                list.body());

        HttpResponse<String> download = mgmt.get("/auth-files/download?name=acc1.json");
        assertEquals(200, download.statusCode());
        assertEquals(content, download.body());

        assertOk(mgmt.call("DELETE", "/auth-files?name=acc1.json", null));
        assertOk(mgmt.call("DELETE", "/auth-files?all=true", null));
        assertReply(200, "{\"files\":[]}", mgmt.get("/auth-files"));
    }

    @Test
    void xManagementKeyHeaderIsAccepted() {
        HttpResponse<String> r = mgmt.proxy().send(mgmt.request("GET", "/debug", null)
                .header("X-Management-Key", ManagementFixture.KEY).build());
        assertReply(200, "{\"debug\":false}", r);
    }
}
