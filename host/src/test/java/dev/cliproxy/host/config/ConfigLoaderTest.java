package dev.cliproxy.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void startsFromBuiltInDefaults() {
        ProxyConfig c = ConfigLoader.defaults();
        assertEquals(8317, c.port());
        assertEquals("", c.host());
        assertFalse(c.hasApiKeys());
        assertFalse(c.remoteManagement().enabled());
        assertEquals(Path.of(System.getProperty("user.home"), ".cli-proxy-api"), c.authDir());
        assertEquals("round-robin", c.routing().strategy());
        assertFalse(c.tls().enable());
    }

    @Test
    void expandsTildeInAuthDir() {
        ProxyConfig c = ConfigLoader.parse("auth-dir: ~/tokens\n", "config.yaml", null);
        assertEquals(Path.of(System.getProperty("user.home"), "tokens"), c.authDir());
    }

    @Test
    void bindsAnchorKeyNamesAndKeepsUnknownKeys() {
        ProxyConfig c = ConfigLoader.parse("""
                port: 9000
                api-keys: [" a ", "b", "a", ""]
                debug: true
                proxy-url: socks5://u:p@127.0.0.1:1080
                request-retry: 2
                remote-management:
                  allow-remote: true
                  secret-key: s3cret
                future-key:
                  nested: 1
                """, "config.yaml", null);
        assertEquals(9000, c.port());
        assertEquals(List.of("a", "b"), c.apiKeys());
        assertTrue(c.debug());
        assertEquals("socks5://u:p@127.0.0.1:1080", c.proxyUrl());
        assertEquals(2, c.requestRetry());
        assertTrue(c.remoteManagement().allowRemote());
        assertEquals(1, c.raw().at("/future-key/nested").asInt());
        assertFalse(c.remoteManagement().toString().contains("s3cret"), "never print the key");
    }

    @Test
    void readsLegacyFlatManagementKeys() {
        ProxyConfig c = ConfigLoader.parse("remote-management-key: k\nallow-remote-management: true\n",
                "config.yaml", null);
        assertEquals("k", c.remoteManagement().secretKey());
        assertTrue(c.remoteManagement().allowRemote());
    }

    record Case(String name, String yaml, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> malformed() {
        return Stream.of(
                new Case("bad indentation", "port: 1\n  host: x\n", "config.yaml line 2"),
                new Case("unclosed flow list", "api-keys: [a, b\nport: 1\n", "config.yaml line"),
                new Case("port not a number", "port: eighty\n", "config.yaml line 1, column 7: 'port' must be an integer"),
                new Case("debug not a boolean", "debug: sometimes\n", "'debug' must be true or false"),
                new Case("api-keys not a list", "api-keys: one\n", "'api-keys' must be a list"),
                new Case("root is a list", "- a\n- b\n", "top level must be a mapping"),
                new Case("duplicate key", "port: 1\nport: 2\n", "config.yaml line 2"),
                new Case("session affinity ttl not a duration", "routing:\n  session-affinity-ttl: soon\n",
                        "config.yaml line 2, column 25: 'routing.session-affinity-ttl' must be a positive duration"),
                new Case("session affinity ttl not positive", "routing:\n  session-affinity-ttl: 0s\n",
                        "'routing.session-affinity-ttl' must be a positive duration"),
                new Case("session affinity not a boolean", "routing:\n  session-affinity: yes please\n",
                        "'session-affinity' must be true or false"),
                new Case("plugins.enabled a word", "plugins:\n  enabled: some\n",
                        "config.yaml line 2, column 12: 'plugins.enabled' must be \"*\" or a list of plugin ids"),
                new Case("plugins.enabled holds a map", "plugins:\n  enabled: [{a: 1}]\n",
                        "'plugins.enabled' entries must be plugin ids"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void reportsMalformedConfigWithLineAndColumn(Case c) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(c.yaml(), "config.yaml",
                null));
        assertTrue(e.getMessage().contains(c.expected()), e.getMessage());
    }

    @Test
    void bindsSessionAffinityAndItsGoDurationTtl() {
        ProxyConfig.Routing defaults = ConfigLoader.defaults().routing();
        assertFalse(defaults.sessionAffinity());
        assertEquals(Duration.ofHours(1), defaults.sessionAffinityTtl());
        for (String[] ttl : new String[][] {{"30m", "PT30M"}, {"2h30m", "PT2H30M"}, {"1.5h", "PT1H30M"},
                {"90s", "PT1M30S"}, {"250ms", "PT0.25S"}, {"1h0m0s", "PT1H"}}) {
            ProxyConfig c = ConfigLoader.parse("routing:\n  session-affinity: true\n  session-affinity-ttl: "
                    + ttl[0] + "\n", "config.yaml", null);
            assertTrue(c.routing().sessionAffinity());
            assertEquals(Duration.parse(ttl[1]), c.routing().sessionAffinityTtl(), ttl[0]);
        }
    }

    @Test
    void bindsMaxRetryCredentialsWithNegativeAsAll() {
        assertEquals(0, ConfigLoader.defaults().failover().maxRetryCredentials());
        assertEquals(2, ConfigLoader.parse("max-retry-credentials: 2\n", "config.yaml", null).failover()
                .maxRetryCredentials());
        assertEquals(0, ConfigLoader.parse("max-retry-credentials: -3\n", "config.yaml", null).failover()
                .maxRetryCredentials());
    }

    @Test
    void bindsPluginsEnabledAsStarOrAList() {
        ProxyConfig.Plugins defaults = ConfigLoader.defaults().plugins();
        assertEquals("plugins", defaults.dir());
        assertTrue(defaults.enables("anything"));
        assertTrue(ConfigLoader.parse("plugins:\n  enabled: \"*\"\n", "config.yaml", null).plugins().enables("x"));
        ProxyConfig.Plugins listed = ConfigLoader.parse("plugins:\n  dir: /opt/p\n  enabled: [builtin, echo]\n",
                "config.yaml", null).plugins();
        assertEquals("/opt/p", listed.dir());
        assertTrue(listed.enables("echo"));
        assertFalse(listed.enables("other"));
    }

    @Test
    void treatsEmptyFileAsDefaults() {
        assertEquals(8317, ConfigLoader.parse("# only a comment\n", "config.yaml", null).port());
    }
}
