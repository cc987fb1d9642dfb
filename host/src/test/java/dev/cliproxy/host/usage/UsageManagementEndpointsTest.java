package dev.cliproxy.host.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.formats.Json;
import dev.cliproxy.host.testing.TestProxy;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The usage endpoints as mounted in the real server: behind the management key. */
class UsageManagementEndpointsTest {

    private static final String SECRET = "usage-mgmt-secret";

    @Test
    void servesUsageBehindTheManagementKey() throws Exception {
        try (TestProxy proxy = TestProxy.start("remote-management:\n  secret-key: \"" + SECRET + "\"\n")) {
            assertEquals(401, proxy.get("/v0/management/usage", null).statusCode());
            HttpResponse<String> usage = proxy.get("/v0/management/usage", SECRET);
            assertEquals(200, usage.statusCode(), usage.body());
            assertTrue(Json.MAPPER.readTree(usage.body()).has("usage"), usage.body());

            HttpResponse<String> export = proxy.get("/v0/management/usage/export", SECRET);
            assertEquals(200, export.statusCode());
            JsonNode exported = Json.MAPPER.readTree(export.body());
            HttpResponse<String> imported = proxy.send(proxy.request("/v0/management/usage/import")
                    .header("Authorization", "Bearer " + SECRET).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(exported.toString())).build());
            assertEquals(200, imported.statusCode(), imported.body());

            HttpResponse<String> deleted = proxy.send(proxy.request("/v0/management/usage")
                    .header("Authorization", "Bearer " + SECRET).DELETE().build());
            assertEquals("ok", Json.MAPPER.readTree(deleted.body()).path("status").asText());
        }
    }
}
