package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.assertOk;
import static dev.cliproxy.host.management.ManagementFixture.assertReply;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.testing.LogCapture;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** MANAGEMENT_PASSWORD and --password: management keys given at start-up, never written to the config file. */
class ManagementPasswordsTest {

    private static final String ENV = "env-password-0123456789";
    private static final String LOCAL = "local-password-0123456789";
    /** A caller on another machine, as a reverse proxy on this one reports it. */
    private static final String REMOTE_CLIENT = "203.0.113.7";

    private static HttpResponse<String> remote(ManagementFixture m, String key, String path) {
        return m.proxy().send(m.request("GET", path, null).header("Authorization", "Bearer " + key)
                .header("X-Forwarded-For", REMOTE_CLIENT).build());
    }

    @Test
    void theEnvironmentPasswordTurnsTheApiOnWithoutASecretKeyAndIsNeverSaved() {
        try (LogCapture logs = new LogCapture();
             ManagementFixture m = ManagementFixture.startRaw("debug: false\n", new ManagementPasswords(ENV, ""))) {
            assertReply(200, "{\"debug\":false}", m.callWith(ENV, "GET", "/debug", null));
            assertOk(m.callWith(ENV, "PUT", "/debug", "{\"value\":true}"));
            assertReply(401, "{\"error\":\"invalid management key\"}", m.callWith("guess", "GET", "/debug", null));
            assertReply(401, "{\"error\":\"missing management key\"}", m.anonymous("GET", "/debug", null));
            assertTrue(m.configText().contains("debug: true"), m.configText());
            assertFalse(m.configText().contains(ENV), m.configText());
            assertFalse(logs.lines().stream().anyMatch(l -> l.contains(ENV)), "never logged");
        }
    }

    @Test
    void theEnvironmentPasswordIsAcceptedFromOtherMachinesAsTheAnchorDoes() {
        try (ManagementFixture m = ManagementFixture.startRaw("", new ManagementPasswords(ENV, ""))) {
            assertReply(200, "{\"debug\":false}", remote(m, ENV, "/debug"));
            assertReply(401, "{\"error\":\"invalid management key\"}", remote(m, "guess", "/debug"));
        }
    }

    @Test
    void theCommandLinePasswordCountsOnlyForCallersOnThisMachine() {
        try (ManagementFixture m = ManagementFixture.startRaw("", new ManagementPasswords("", LOCAL))) {
            assertReply(200, "{\"debug\":false}", m.callWith(LOCAL, "GET", "/debug", null));
            assertReply(403, "{\"error\":\"remote management disabled\"}", remote(m, LOCAL, "/debug"));
        }
        try (ManagementFixture m = ManagementFixture.startRaw("remote-management:\n  allow-remote: true\n",
                new ManagementPasswords("", LOCAL))) {
            assertReply(401, "{\"error\":\"invalid management key\"}", remote(m, LOCAL, "/debug"));
        }
    }

    @Test
    void bothPasswordsWorkBesideTheConfiguredKey() {
        try (ManagementFixture m = ManagementFixture.startRaw("remote-management:\n  secret-key: \""
                + ManagementFixture.KEY + "\"\n", new ManagementPasswords(ENV, LOCAL))) {
            for (String key : new String[] {ManagementFixture.KEY, ENV, LOCAL}) {
                assertReply(200, "{\"debug\":false}", m.callWith(key, "GET", "/debug", null));
            }
            assertFalse(m.configText().contains(ENV) || m.configText().contains(LOCAL), m.configText());
        }
    }

    @Test
    void withoutAnyKeyOrPasswordTheApiDoesNotExist() {
        try (ManagementFixture m = ManagementFixture.startRaw("", ManagementPasswords.NONE)) {
            assertReply(404, "{\"error\":\"not found\"}", m.callWith(ENV, "GET", "/debug", null));
        }
    }

    @Test
    void passwordsAreNeverShownWhenPrinted() {
        String printed = new ManagementPasswords(ENV, LOCAL).toString();
        assertFalse(printed.contains(ENV) || printed.contains(LOCAL), printed);
    }
}
