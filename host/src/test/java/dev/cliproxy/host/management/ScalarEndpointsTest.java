package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.assertOk;
import static dev.cliproxy.host.management.ManagementFixture.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.formats.Json;
import dev.cliproxy.host.config.ConfigLoader;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.requestlog.RequestLogSettings;
import java.io.IOException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every single-value setting: its default, PUT and PATCH, type checks, and that the change is live at once. */
class ScalarEndpointsTest {

    private static ManagementFixture mgmt;

    @BeforeAll
    static void start() {
        mgmt = ManagementFixture.start("");
    }

    @AfterAll
    static void stop() {
        mgmt.close();
    }

    /**
     * One setting.
     *
     * @param path     the route
     * @param name     the key of the GET answer
     * @param initial  the default, as JSON
     * @param put      a value to PUT
     * @param patch    a value to PATCH
     * @param wrong    a value of the wrong type
     * @param live     what the live config says, as JSON text
     */
    record Case(String path, String name, String initial, String put, String patch, String wrong,
                Function<ProxyConfig, Object> live) {
        @Override
        public String toString() {
            return path;
        }
    }

    static Stream<Case> settings() {
        return Stream.of(
                new Case("/debug", "debug", "false", "true", "false", "\"yes\"", ProxyConfig::debug),
                new Case("/proxy-url", "proxy-url", "\"\"", "\"http://proxy.local:3128\"",
                        "\"socks5://u:p@127.0.0.1:1080/\"", "5", ProxyConfig::proxyUrl),
                new Case("/quota-exceeded/switch-project", "switch-project", "true", "false", "true", "1",
                        c -> c.quotaExceeded().switchProject()),
                new Case("/quota-exceeded/switch-preview-model", "switch-preview-model", "true", "false", "true",
                        "\"false\"", c -> c.quotaExceeded().switchPreviewModel()),
                new Case("/request-log", "request-log", "false", "true", "false", "null", ProxyConfig::requestLog),
                new Case("/request-retry", "request-retry", "0", "3", "5", "2.5", ProxyConfig::requestRetry),
                new Case("/max-retry-interval", "max-retry-interval", "0", "30", "10", "\"30\"",
                        ProxyConfig::maxRetryInterval),
                new Case("/allow-localhost-unauthenticated", "allow-localhost-unauthenticated", "false", "true",
                        "false", "[true]", ProxyConfig::allowLocalhostUnauthenticated),
                new Case("/force-model-prefix", "force-model-prefix", "false", "true", "false", "{}",
                        ProxyConfig::forceModelPrefix),
                new Case("/usage-statistics-enabled", "usage-statistics-enabled", "false", "true", "false", "0",
                        c -> c.raw().path("usage-statistics-enabled").booleanValue()),
                new Case("/logging-to-file", "logging-to-file", "false", "true", "false", "0",
                        c -> c.raw().path("logging-to-file").booleanValue()),
                new Case("/routing/strategy", "strategy", "\"round-robin\"", "\"fill-first\"", "\"round-robin\"",
                        "7", c -> c.routing().strategy()),
                new Case("/routing/session-affinity", "session-affinity", "false", "true", "false", "\"on\"",
                        c -> c.routing().sessionAffinity()),
                new Case("/max-retry-credentials", "max-retry-credentials", "0", "2", "1", "\"2\"",
                        c -> c.failover().maxRetryCredentials()),
                new Case("/logs-max-total-size-mb", "logs-max-total-size-mb", "1024", "50", "0", "true",
                        c -> RequestLogSettings.of(c).maxTotalBytes() / (1024 * 1024)),
                new Case("/error-logs-max-files", "error-logs-max-files", "10", "3", "0", "1.5",
                        c -> RequestLogSettings.of(c).maxErrorFiles()));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void getPutPatchAndWrongTypes(Case c) throws IOException {
        assertReply(200, "{\"" + c.name() + "\":" + c.initial() + "}", mgmt.get(c.path()));

        assertOk(mgmt.call("PUT", c.path(), "{\"value\":" + c.put() + "}"));
        assertReply(200, "{\"" + c.name() + "\":" + c.put() + "}", mgmt.get(c.path()));
        assertEquals(ManagementFixture.json(c.put()), ManagementFixture.json(
                Json.MAPPER.writeValueAsString(c.live().apply(
                        mgmt.proxy().server().live().config()))), "live at once");
        assertEquals(ManagementFixture.json(c.put()), ManagementFixture.json(
                Json.MAPPER.writeValueAsString(c.live().apply(
                        ConfigLoader.load(mgmt.configFile())))), "saved to the file");

        assertOk(mgmt.call("PATCH", c.path(), "{\"value\":" + c.patch() + "}"));
        assertReply(200, "{\"" + c.name() + "\":" + c.patch() + "}", mgmt.get(c.path()));

        for (String bad : new String[] {"{\"value\":" + c.wrong() + "}", "{}", "[]", "not json", ""}) {
            assertReply(400, "{\"error\":\"invalid body\"}", mgmt.call("PUT", c.path(), bad));
            assertReply(400, "{\"error\":\"invalid body\"}", mgmt.call("PATCH", c.path(), bad));
        }
        assertReply(200, "{\"" + c.name() + "\":" + c.patch() + "}", mgmt.get(c.path()));
    }

    @Test
    void newSettingsLandInTheirSectionAndKeepComments() {
        try (ManagementFixture own = ManagementFixture.start("""
                routing:
                  # how credentials are picked
                  strategy: fill-first # first one first
                max-retry-credentials: 1 # one per round
                """)) {
            assertOk(own.call("PUT", "/routing/session-affinity", "{\"value\":true}"));
            assertOk(own.call("PATCH", "/max-retry-credentials", "{\"value\":3}"));
            String text = own.configText();
            assertTrue(text.contains("""
                    routing:
                      # how credentials are picked
                      strategy: fill-first # first one first
                      session-affinity: true
                    max-retry-credentials: 3 # one per round
                    """), text);
            ProxyConfig live = own.proxy().server().live().config();
            assertTrue(live.routing().sessionAffinity());
            assertEquals(3, live.failover().maxRetryCredentials());
        }
    }

    @Test
    void deleteClearsTheProxyUrl() {
        assertOk(mgmt.call("PUT", "/proxy-url", "{\"value\":\"http://proxy.local:3128\"}"));
        assertOk(mgmt.call("DELETE", "/proxy-url", null));
        assertReply(200, "{\"proxy-url\":\"\"}", mgmt.get("/proxy-url"));
        assertEquals("", mgmt.proxy().server().live().config().proxyUrl());
    }

    @Test
    void anUnknownRoutingStrategyIsRefused() {
        assertReply(400, "{\"error\":\"invalid strategy\"}", mgmt.call("PUT", "/routing/strategy",
                "{\"value\":\"random\"}"));
        assertOk(mgmt.call("PUT", "/routing/strategy", "{\"value\":\"ff\"}"));
        assertReply(200, "{\"strategy\":\"fill-first\"}", mgmt.get("/routing/strategy"));
    }

    @Test
    void settingsWithoutDeleteAnswer405ForDelete() {
        assertReply(405, "{\"error\":\"method not allowed\"}", mgmt.call("DELETE", "/debug", null));
    }

    @Test
    void unknownManagementPathsAre404() {
        assertReply(404, "{\"error\":\"not found\"}", mgmt.get("/no-such-setting"));
    }
}
