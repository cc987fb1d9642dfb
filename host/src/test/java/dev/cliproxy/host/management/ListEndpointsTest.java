package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.assertOk;
import static dev.cliproxy.host.management.ManagementFixture.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** String lists and object lists: every verb, every way of naming an entry, and the errors. */
class ListEndpointsTest {

    private ManagementFixture mgmt;

    @BeforeEach
    void start() {
        mgmt = ManagementFixture.start("");
    }

    @AfterEach
    void stop() {
        mgmt.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-keys", "generative-language-api-key"})
    void stringListsSupportEveryVerb(String key) {
        String path = "/" + key;
        assertReply(200, "{\"" + key + "\":[]}", mgmt.get(path));
        assertOk(mgmt.call("PUT", path, "[\"a\",\"b\",\"c\",\"b\"]"));
        assertOk(mgmt.call("PATCH", path, "{\"index\":0,\"value\":\"a2\"}"));
        assertOk(mgmt.call("PATCH", path, "{\"old\":\"c\",\"new\":\"c2\"}"));
        assertOk(mgmt.call("PATCH", path, "{\"old\":\"absent\",\"new\":\"d\"}"));
        assertReply(200, "{\"" + key + "\":[\"a2\",\"b\",\"c2\",\"b\",\"d\"]}", mgmt.get(path));
        assertOk(mgmt.call("DELETE", path + "?value=b", null));
        assertOk(mgmt.call("DELETE", path + "?index=0", null));
        assertReply(200, "{\"" + key + "\":[\"c2\",\"d\"]}", mgmt.get(path));
        assertOk(mgmt.call("PUT", path, "{\"items\":[]}"));
        assertReply(200, "{\"" + key + "\":[]}", mgmt.get(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-keys", "generative-language-api-key"})
    void stringListErrors(String key) {
        String path = "/" + key;
        assertOk(mgmt.call("PUT", path, "[\"a\"]"));
        for (String bad : List.of("[1]", "{\"items\":\"a\"}", "{}", "\"a\"", "[\"a\",null]", "nope")) {
            assertReply(400, "{\"error\":\"invalid body\"}", mgmt.call("PUT", path, bad));
        }
        for (String bad : List.of("{}", "{\"index\":0}", "{\"old\":\"a\"}", "{\"index\":\"0\",\"value\":\"x\"}",
                "{\"index\":0,\"value\":1}")) {
            assertReply(400, "{\"error\":\"invalid body\"}", mgmt.call("PATCH", path, bad));
        }
        assertReply(404, "{\"error\":\"item not found\"}", mgmt.call("PATCH", path, "{\"index\":5,\"value\":\"x\"}"));
        assertReply(404, "{\"error\":\"item not found\"}", mgmt.call("DELETE", path + "?index=1", null));
        assertReply(404, "{\"error\":\"item not found\"}", mgmt.call("DELETE", path + "?value=zzz", null));
        assertReply(400, "{\"error\":\"missing index or value\"}", mgmt.call("DELETE", path, null));
        assertReply(400, "{\"error\":\"invalid index\"}", mgmt.call("DELETE", path + "?index=x", null));
        assertReply(200, "{\"" + key + "\":[\"a\"]}", mgmt.get(path));
    }

    @Test
    void theClientKeysChangeForTheNextRequest() {
        assertOk(mgmt.call("PUT", "/api-keys", "[\"client-key-1\"]"));
        assertEquals(200, mgmt.proxy().get("/v1/models", "client-key-1").statusCode());
        assertEquals(401, mgmt.proxy().get("/v1/models", "client-key-2").statusCode());
        assertOk(mgmt.call("PATCH", "/api-keys", "{\"old\":\"client-key-1\",\"new\":\"client-key-2\"}"));
        assertEquals(401, mgmt.proxy().get("/v1/models", "client-key-1").statusCode());
        assertEquals(200, mgmt.proxy().get("/v1/models", "client-key-2").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-api-key", "gemini-api-key", "codex-api-key"})
    void keyListsSupportEveryVerb(String key) {
        String path = "/" + key;
        assertReply(200, "{\"" + key + "\":[]}", mgmt.get(path));
        assertOk(mgmt.call("PUT", path, "{\"items\":[{\"api-key\":\"k1\",\"base-url\":\"https://a\"},"
                + "{\"api-key\":\"k2\",\"prefix\":\"p\"}]}"));
        assertOk(mgmt.call("PATCH", path, "{\"match\":\"k2\",\"value\":{\"prefix\":null,\"proxy-url\":\"direct\"}}"));
        assertOk(mgmt.call("PATCH", path, "{\"index\":0,\"value\":{\"models\":[{\"name\":\"m\",\"alias\":\"x\"}]}}"));
        assertReply(200, "{\"" + key + "\":[{\"api-key\":\"k1\",\"base-url\":\"https://a\",\"models\":[{\"name\":"
                + "\"m\",\"alias\":\"x\"}]},{\"api-key\":\"k2\",\"proxy-url\":\"direct\"}]}", mgmt.get(path));
        assertOk(mgmt.call("DELETE", path + "?index=0", null));
        assertOk(mgmt.call("DELETE", path + "?api-key=k2", null));
        assertReply(200, "{\"" + key + "\":[]}", mgmt.get(path));
    }

    @Test
    void keyListErrors() {
        String path = "/claude-api-key";
        assertOk(mgmt.call("PUT", path, "[{\"api-key\":\"k\",\"base-url\":\"https://a\"},"
                + "{\"api-key\":\"k\",\"base-url\":\"https://b\"}]"));
        for (String bad : List.of("[{\"base-url\":\"x\"}]", "[\"k\"]", "[{\"api-key\":\"\"}]", "{}")) {
            assertReply(400, "{\"error\":\"invalid body\"}", mgmt.call("PUT", path, bad));
        }
        for (String bad : List.of("{\"match\":\"k\"}", "{\"value\":{}}", "{\"match\":\"k\",\"value\":[]}",
                "{\"index\":0,\"value\":{\"api-key\":\"\"}}", "{\"index\":0,\"value\":{\"api-key\":null}}")) {
            assertReply(400, "{\"error\":\"invalid body\"}", mgmt.call("PATCH", path, bad));
        }
        assertReply(404, "{\"error\":\"item not found\"}", mgmt.call("PATCH", path,
                "{\"match\":\"nope\",\"value\":{\"prefix\":\"p\"}}"));
        assertReply(404, "{\"error\":\"item not found\"}", mgmt.call("PATCH", path,
                "{\"index\":9,\"value\":{\"prefix\":\"p\"}}"));
        assertReply(400, "{\"error\":\"multiple items match; index is required\"}", mgmt.call("PATCH", path,
                "{\"match\":\"k\",\"value\":{\"prefix\":\"p\"}}"));
        assertOk(mgmt.call("PATCH", path + "?base-url=https://b", "{\"match\":\"k\",\"value\":{\"prefix\":\"p\"}}"));
        assertReply(404, "{\"error\":\"item not found\"}", mgmt.call("DELETE", path + "?api-key=nope", null));
        assertReply(404, "{\"error\":\"item not found\"}", mgmt.call("DELETE", path + "?index=2", null));
        assertReply(400, "{\"error\":\"missing api-key or index\"}", mgmt.call("DELETE", path, null));
        assertOk(mgmt.call("DELETE", path + "?api-key=k&base-url=https://a", null));
        assertReply(200, "{\"claude-api-key\":[{\"api-key\":\"k\",\"base-url\":\"https://b\",\"prefix\":\"p\"}]}",
                mgmt.get(path));
    }

    @Test
    void openAiCompatibilityIsNamedByName() {
        String path = "/openai-compatibility";
        assertOk(mgmt.call("PUT", path, "[{\"name\":\"a\",\"base-url\":\"https://a/v1\"},"
                + "{\"name\":\"b\",\"base-url\":\"https://b/v1\"}]"));
        assertOk(mgmt.call("PATCH", path, "{\"name\":\"b\",\"value\":{\"api-key-entries\":[{\"api-key\":\"sk\"}]}}"));
        assertOk(mgmt.call("PATCH", path, "{\"index\":0,\"value\":{\"name\":\"a2\"}}"));
        assertReply(404, "{\"error\":\"item not found\"}", mgmt.call("PATCH", path,
                "{\"name\":\"zzz\",\"value\":{\"disabled\":true}}"));
        assertReply(400, "{\"error\":\"invalid body\"}", mgmt.call("PUT", path, "[{\"base-url\":\"https://x\"}]"));
        assertReply(400, "{\"error\":\"missing name or index\"}", mgmt.call("DELETE", path, null));
        assertReply(404, "{\"error\":\"item not found\"}", mgmt.call("DELETE", path + "?name=zzz", null));
        assertOk(mgmt.call("DELETE", path + "?name=a2", null));
        assertReply(200, "{\"openai-compatibility\":[{\"name\":\"b\",\"base-url\":\"https://b/v1\","
                + "\"api-key-entries\":[{\"api-key\":\"sk\"}]}]}", mgmt.get(path));
    }

    @Test
    void aProviderAddedThroughTheApiServesTheNextRequest() {
        assertOk(mgmt.call("PUT", "/openai-compatibility", "[{\"name\":\"local\",\"base-url\":"
                + "\"http://127.0.0.1:9/v1\",\"api-keys\":[\"sk-up\"],\"models\":[{\"name\":\"up-model\","
                + "\"alias\":\"my-model\"}]}]"));
        String models = mgmt.proxy().get("/v1/models", null).body();
        assertEquals(true, models.contains("\"my-model\""), models);
        assertOk(mgmt.call("DELETE", "/openai-compatibility?name=local", null));
        assertEquals(false, mgmt.proxy().get("/v1/models", null).body().contains("\"my-model\""));
    }
}
