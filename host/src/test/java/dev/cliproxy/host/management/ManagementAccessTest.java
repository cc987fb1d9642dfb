package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.KEY;
import static dev.cliproxy.host.management.ManagementFixture.assertOk;
import static dev.cliproxy.host.management.ManagementFixture.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.config.ConfigLoader;
import dev.cliproxy.host.config.ManagementKeyHash;
import dev.cliproxy.host.config.ProxyConfig;
import dev.cliproxy.host.server.ProxyServer;
import dev.cliproxy.host.testing.LogCapture;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Who may use the management API: the key, its hashing at start-up, remote callers, lockout, what is logged. */
class ManagementAccessTest {

    @Test
    void everyManagementRouteIs404WhenNoKeyIsConfigured() {
        try (ManagementFixture m = ManagementFixture.startRaw("debug: false\n")) {
            assertEquals(404, m.call("GET", "/debug", null).statusCode());
            assertEquals(404, m.call("PUT", "/api-keys", "[\"a\"]").statusCode());
            assertEquals(404, m.anonymous("GET", "/config", null).statusCode());
            assertEquals(404, m.call("GET", "/no-such-endpoint", null).statusCode());
        }
    }

    @Test
    void anEmptyKeyAlsoDisablesTheApi() {
        try (ManagementFixture m = ManagementFixture.startRaw("remote-management:\n  secret-key: \"\"\n")) {
            assertEquals(404, m.call("GET", "/debug", null).statusCode());
        }
    }

    @Test
    void aMissingKeyIs401MissingAndAWrongKeyIs401Invalid() {
        try (ManagementFixture m = ManagementFixture.start("")) {
            assertReply(401, "{\"error\":\"missing management key\"}", m.anonymous("GET", "/debug", null));
            assertReply(401, "{\"error\":\"invalid management key\"}", m.proxy().send(
                    m.request("GET", "/debug", null).header("Authorization", "Bearer wrong-key").build()));
            assertReply(401, "{\"error\":\"invalid management key\"}", m.proxy().send(
                    m.request("GET", "/debug", null).header("X-Management-Key", "wrong-key").build()));
            assertReply(401, "{\"error\":\"missing management key\"}", m.anonymous("PUT", "/debug", "{\"value\":true}"));
        }
    }

    @Test
    void theKeyIsAcceptedAsBearerTokenOrManagementKeyHeader() {
        try (ManagementFixture m = ManagementFixture.start("")) {
            assertEquals(200, m.proxy().send(m.request("GET", "/debug", null)
                    .header("Authorization", "Bearer " + KEY).build()).statusCode());
            assertEquals(200, m.proxy().send(m.request("GET", "/debug", null)
                    .header("X-Management-Key", KEY).build()).statusCode());
            assertEquals(200, m.proxy().send(m.request("GET", "/debug", null)
                    .header("Authorization", KEY).build()).statusCode());
        }
    }

    @Test
    void repeatedWrongKeysLockTheAddressOutAndAreLogged() {
        try (ManagementFixture m = ManagementFixture.start(""); LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 5; i++) {
                assertEquals(401, m.proxy().send(m.request("GET", "/debug", null)
                        .header("X-Management-Key", "guess-" + i).build()).statusCode());
            }
            HttpResponse<String> locked = m.get("/debug");
            assertEquals(403, locked.statusCode(), "even the right key is refused while locked out");
            assertTrue(ManagementFixture.json(locked.body()).path("error").asText()
                    .startsWith("IP banned due to too many failed attempts. Try again in 30m"), locked.body());
            assertTrue(logs.contains("WARN", "locked out"), logs.lines().toString());
        }
    }

    @Test
    void aCorrectKeyResetsTheFailureCount() {
        try (ManagementFixture m = ManagementFixture.start("")) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 4; i++) {
                    assertEquals(401, m.proxy().send(m.request("GET", "/debug", null)
                            .header("X-Management-Key", "guess").build()).statusCode());
                }
                assertEquals(200, m.get("/debug").statusCode());
            }
        }
    }

    @Test
    void aPlaintextKeyIsHashedAndWrittenBackAtStartKeepingTheComments() throws IOException {
        try (ManagementFixture m = ManagementFixture.startRaw("""
                # management settings
                remote-management:
                  allow-remote: false # loopback only
                  # the key, hashed on start
                  secret-key: "plain-secret-key"
                debug: false
                """)) {
            String file = m.configText();
            assertFalse(file.contains("plain-secret-key"), file);
            String hash = ConfigLoader.load(m.configFile()).remoteManagement().secretKey();
            assertTrue(ManagementKeyHash.isHash(hash), hash);
            assertTrue(ManagementKeyHash.verify("plain-secret-key", hash));
            assertTrue(file.contains("# management settings\n") && file.contains("allow-remote: false # loopback only")
                    && file.contains("  # the key, hashed on start\n  secret-key: \"$2a$"), file);
            assertEquals(200, m.proxy().send(m.request("GET", "/debug", null)
                    .header("X-Management-Key", "plain-secret-key").build()).statusCode());
        }
    }

    @Test
    void anAlreadyHashedKeyIsLeftAsItIs() throws IOException {
        String hash = ManagementKeyHash.hash("hashed-secret");
        String yaml = "remote-management:\n  secret-key: \"" + hash + "\"\n";
        try (ManagementFixture m = ManagementFixture.startRaw(yaml)) {
            assertTrue(m.configText().endsWith(yaml), m.configText());
            assertEquals(200, m.proxy().send(m.request("GET", "/debug", null)
                    .header("X-Management-Key", "hashed-secret").build()).statusCode());
        }
    }

    @Test
    void theOlderFlatKeyNamesAreReadAndHashedInPlace() throws IOException {
        try (ManagementFixture m = ManagementFixture.startRaw("remote-management-key: flat-secret\n"
                + "allow-remote-management: false\n")) {
            String file = m.configText();
            assertTrue(file.contains("remote-management-key: $2a$"), file);
            assertFalse(file.contains("flat-secret"), file);
            assertEquals(200, m.proxy().send(m.request("GET", "/debug", null)
                    .header("X-Management-Key", "flat-secret").build()).statusCode());
        }
    }

    @Test
    void theKeyAndAllowRemoteCannotBeChangedThroughTheApi() throws IOException {
        try (ManagementFixture m = ManagementFixture.start("")) {
            String before = ConfigLoader.load(m.configFile()).remoteManagement().secretKey();
            assertReply(200, "{\"ok\":true,\"changed\":[\"config\"]}", m.call("PUT", "/config.yaml",
                    "remote-management:\n  allow-remote: true\n  secret-key: \"new-key\"\ndebug: true\n"));
            ProxyConfig after = ConfigLoader.load(m.configFile());
            assertEquals(before, after.remoteManagement().secretKey());
            assertFalse(after.remoteManagement().allowRemote());
            assertTrue(after.debug(), "the rest of the upload is applied");
            assertEquals(401, m.proxy().send(m.request("GET", "/debug", null)
                    .header("X-Management-Key", "new-key").build()).statusCode());
            assertEquals(404, m.call("PUT", "/remote-management/secret-key", "{\"value\":\"x\"}").statusCode());
            assertEquals(404, m.call("PUT", "/remote-management/allow-remote", "{\"value\":true}").statusCode());
        }
    }

    @Test
    void nothingSecretIsLoggedOrReturnedByGetConfig() {
        try (ManagementFixture m = ManagementFixture.start("api-keys: [\"client-secret-1\"]\n");
             LogCapture logs = new LogCapture()) {
            assertOk(m.call("PUT", "/claude-api-key", "[{\"api-key\":\"sk-ant-secret-9\"}]"));
            assertOk(m.call("DELETE", "/claude-api-key?api-key=sk-ant-secret-9", null));
            m.proxy().send(m.request("GET", "/debug", null).header("X-Management-Key", "wrong-guess-77").build());
            String config = m.get("/config").body();
            assertFalse(config.contains("$2a$") || config.contains("secret-key") || config.contains(KEY), config);
            assertTrue(config.contains("client-secret-1"), "the management key holder owns the client keys");
            for (String line : logs.lines()) {
                assertFalse(line.contains("sk-ant-secret-9") || line.contains(KEY) || line.contains("wrong-guess-77")
                        || line.contains("client-secret-1"), line);
            }
            assertTrue(logs.contains("INFO", "Management DELETE /v0/management/claude-api-key from 127.0.0.1 -> 200"),
                    logs.lines().toString());
        }
    }

    @Test
    void preflightRequestsNeedNoKey() {
        try (ManagementFixture m = ManagementFixture.start("")) {
            assertEquals(204, m.proxy().send(m.request("OPTIONS", "/debug", null).build()).statusCode());
        }
    }

    @Test
    void aCallerForwardedByAProxyOnThisMachineIsRemote() {
        try (ManagementFixture m = ManagementFixture.start("")) {
            for (String[] header : new String[][] {{"X-Forwarded-For", "203.0.113.7"},
                    {"X-Forwarded-For", "127.0.0.1, 198.51.100.2"}, {"X-Real-IP", "198.51.100.9"},
                    {"Forwarded", "for=\"[2001:db8::1]:4711\";proto=https"}, {"X-Forwarded-For", "unknown"}}) {
                assertReply(403, "{\"error\":\"remote management disabled\"}", m.proxy().send(m.request("GET",
                        "/debug", null).header("X-Management-Key", KEY).header(header[0], header[1]).build()));
            }
            assertEquals(200, m.proxy().send(m.request("GET", "/debug", null).header("X-Management-Key", KEY)
                    .header("X-Forwarded-For", "127.0.0.1").build()).statusCode());
        }
    }

    @Test
    void callersBehindAProxyOnThisMachineAreLockedOutOneByOne() {
        try (ManagementFixture m = ManagementFixture.startRaw("remote-management:\n  allow-remote: true\n"
                + "  secret-key: \"" + KEY + "\"\n")) {
            for (int i = 0; i < 5; i++) {
                assertEquals(401, m.proxy().send(m.request("GET", "/debug", null).header("X-Management-Key", "guess")
                        .header("X-Forwarded-For", "198.51.100.1").build()).statusCode());
            }
            assertEquals(403, m.proxy().send(m.request("GET", "/debug", null).header("X-Management-Key", KEY)
                    .header("X-Forwarded-For", "198.51.100.1").build()).statusCode());
            assertEquals(200, m.proxy().send(m.request("GET", "/debug", null).header("X-Management-Key", KEY)
                    .header("X-Forwarded-For", "198.51.100.2").build()).statusCode());
            assertEquals(200, m.get("/debug").statusCode());
        }
    }

    @Test
    void aRemoteCallerIsRefusedUnlessAllowRemoteIsOn() throws Exception {
        Optional<InetAddress> lan = NetworkInterface.networkInterfaces().filter(this::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        Assumptions.assumeTrue(lan.isPresent(), "this machine has no non-loopback address");
        assertEquals(403, remoteStatus(lan.get(), false, "{\"error\":\"remote management disabled\"}"));
        assertEquals(200, remoteStatus(lan.get(), true, "{\"debug\":false}"));
    }

    private boolean up(NetworkInterface n) {
        try {
            return n.isUp();
        } catch (IOException e) {
            return false;
        }
    }

    private int remoteStatus(InetAddress lan, boolean allowRemote, String expected) throws Exception {
        Path dir = Files.createTempDirectory("cliproxy-remote");
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "host: 0.0.0.0\nport: 0\nauth-dir: " + dir.resolve("auth") + "\n"
                + "remote-management:\n  allow-remote: " + allowRemote + "\n  secret-key: \"" + KEY + "\"\n");
        try (ProxyServer server = ProxyServer.start(ConfigLoader.load(config), Files.createDirectories(
                dir.resolve("plugins")))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://" + lan.getHostAddress() + ":" + server.port() + "/v0/management/debug"))
                    .header("X-Management-Key", KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertReply(r.statusCode(), expected, r);
            return r.statusCode();
        }
    }
}
