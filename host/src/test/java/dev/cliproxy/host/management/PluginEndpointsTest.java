package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.assertOk;
import static dev.cliproxy.host.management.ManagementFixture.assertReply;
import static dev.cliproxy.host.management.ManagementFixture.eventually;
import static dev.cliproxy.host.management.ManagementFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.api.PluginApi;
import dev.cliproxy.host.testing.ChatFixtures;
import dev.cliproxy.host.testing.JarTestProvider;
import dev.cliproxy.host.testing.TestPluginJar;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin jar dropped into a running proxy's plugins folder serves its models without a restart; removing or
 * disabling it stops routing to it at once; broken and incompatible jars are listed with the reason.
 */
class PluginEndpointsTest {

    private static final String CLIENT_KEY = "client-key-plugins";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @StartStop
    private final MockWebServer upstream = new MockWebServer();

    private ManagementFixture mgmt;
    private Path plugins;

    @BeforeEach
    void start() {
        mgmt = ManagementFixture.start("""
                api-keys: ["%s"]
                # the jar's own section
                jar-test:
                  - base-url: %s
                    api-key: jar-upstream-key
                    models:
                      - name: upstream-jar-model
                        alias: jar-model
                """.formatted(CLIENT_KEY, upstream.url("/v1").toString().replaceAll("/$", "")));
        plugins = mgmt.proxy().dir().resolve("plugins");
    }

    @AfterEach
    void stop() {
        mgmt.close();
    }

    private HttpResponse<String> chat() {
        return mgmt.proxy().post("/v1/chat/completions", CLIENT_KEY, ChatFixtures.request("jar-model", false));
    }

    private boolean servesJarModel() {
        return mgmt.proxy().get("/v1/models", CLIENT_KEY).body().contains("\"jar-model\"");
    }

    private JsonNode plugin(String id) {
        for (JsonNode p : json(mgmt.get("/plugins").body()).path("plugins")) {
            if (p.path("id").asText().equals(id)) {
                return p;
            }
        }
        return null;
    }

    private Path dropJar() {
        return TestPluginJar.write(plugins.resolve("jar-test.jar"), "jar-test", PluginApi.requiresRange(),
                JarTestProvider.class);
    }

    @Test
    void aDroppedJarServesItsModelsWithoutARestartAndStopsWhenRemoved() throws Exception {
        assertEquals(404, chat().statusCode(), "no plugin serves jar-model yet");
        Path jar = dropJar();
        assertTrue(eventually(WAIT, this::servesJarModel), "the watcher loads the jar");
        assertEquals(json("""
                {"id":"jar-test","version":"1.2.3","providers":["jar-test"],"state":"started","jar":"%s"}
                """.formatted(jar)), plugin("jar-test"));

        upstream.enqueue(ChatFixtures.ok("from the jar"));
        HttpResponse<String> answer = chat();
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("from the jar"), answer.body());
        var sent = upstream.takeRequest();
        assertEquals("/v1/chat/completions", sent.getTarget());
        assertEquals("Bearer jar-upstream-key", sent.getHeaders().get("Authorization"));

        Files.delete(jar);
        assertTrue(eventually(WAIT, () -> !servesJarModel()), "the watcher unloads the jar");
        assertNull(plugin("jar-test"), "the jar is no longer listed");
        HttpResponse<String> gone = chat();
        assertEquals(404, gone.statusCode(), gone.body());
        assertTrue(gone.body().contains("model_not_found"), gone.body());
    }

    @Test
    void disablingAPluginStopsRoutingAtOnceAndIsKeptInTheConfigFile() {
        dropJar();
        assertTrue(eventually(WAIT, this::servesJarModel), "the watcher loads the jar");

        assertOk(mgmt.call("PATCH", "/plugins/jar-test/enabled", "{\"value\":false}"));
        assertEquals(404, chat().statusCode(), "no routing to a disabled plugin");
        assertEquals("disabled", plugin("jar-test").path("state").asText());
        assertEquals("started", plugin("builtin").path("state").asText());
        String config = mgmt.configText();
        assertTrue(config.contains("# the jar's own section"), "comments kept:\n" + config);
        assertTrue(config.contains("plugins:") && config.contains("- builtin") && !config.contains("- jar-test"),
                "every other plugin stays enabled:\n" + config);

        assertOk(mgmt.call("PATCH", "/plugins/jar-test/enabled", "{\"value\":true}"));
        upstream.enqueue(ChatFixtures.ok("back"));
        assertEquals(200, chat().statusCode());
        assertEquals("started", plugin("jar-test").path("state").asText());
    }

    @Test
    void brokenAndIncompatibleJarsAreListedWithTheReasonAndTheHostKeepsServing() throws Exception {
        Files.writeString(plugins.resolve("not-a-zip.jar"), "garbage");
        TestPluginJar.write(plugins.resolve("old.jar"), "old-plugin", ">=1.0.0 & <2.0.0", JarTestProvider.class);
        assertTrue(eventually(WAIT, () -> plugin("old-plugin") != null && plugin("not-a-zip") != null));

        JsonNode old = plugin("old-plugin");
        assertEquals("incompatible", old.path("state").asText());
        assertTrue(old.path("reason").asText().contains(">=1.0.0 & <2.0.0")
                && old.path("reason").asText().contains(PluginApi.VERSION), old.toString());
        assertEquals("failed", plugin("not-a-zip").path("state").asText());
        assertTrue(plugin("not-a-zip").path("reason").asText().startsWith("it cannot be loaded"));
        assertEquals(404, chat().statusCode(), "the refused jar serves nothing");
        assertEquals(200, mgmt.proxy().get("/v1/models", CLIENT_KEY).statusCode(), "the host still serves");
    }

    @Test
    void enablingAPluginThatStarEnablesLeavesTheConfigAsItIs() {
        String before = mgmt.configText();
        assertOk(mgmt.call("PATCH", "/plugins/builtin/enabled", "{\"value\":true}"));
        assertEquals(before, mgmt.configText());
    }

    @Test
    void patchingAnUnknownPluginIs404AndABadBodyIs400() {
        assertReply(404, "{\"error\":\"plugin not found\"}",
                mgmt.call("PATCH", "/plugins/nope/enabled", "{\"value\":false}"));
        assertReply(400, "{\"error\":\"invalid body\"}",
                mgmt.call("PATCH", "/plugins/builtin/enabled", "{\"value\":\"no\"}"));
    }
}
