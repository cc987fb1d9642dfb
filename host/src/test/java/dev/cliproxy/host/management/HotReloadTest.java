package dev.cliproxy.host.management;

import static dev.cliproxy.host.management.ManagementFixture.assertOk;
import static dev.cliproxy.host.management.ManagementFixture.assertReply;
import static dev.cliproxy.host.management.ManagementFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cliproxy.host.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand edits of config.yaml and auth-dir while the server runs. */
class HotReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ManagementFixture mgmt;
    private LogCapture logs;

    @BeforeEach
    void start() {
        logs = new LogCapture();
        mgmt = ManagementFixture.start("api-keys: [\"old-key\"]\n");
    }

    @AfterEach
    void stop() {
        mgmt.close();
        logs.close();
    }

    private void edit(String from, String to) throws IOException {
        String text = mgmt.configText();
        assertTrue(text.contains(from), text);
        Files.writeString(mgmt.configFile(), text.replace(from, to));
    }

    @Test
    void aHandEditedKeyServesTheNextRequest() throws IOException {
        edit("api-keys: [\"old-key\"]", "api-keys: [\"new-key\"] # edited by hand");
        assertTrue(eventually(WAIT, () -> mgmt.proxy().get("/v1/models", "new-key").statusCode() == 200));
        assertEquals(401, mgmt.proxy().get("/v1/models", "old-key").statusCode());
        assertReply(200, "{\"api-keys\":[\"new-key\"]}", mgmt.get("/api-keys"));
    }

    @Test
    void aBrokenHandEditIsLoggedWithLineAndColumnAndTheOldConfigStaysLive() throws IOException {
        edit("api-keys: [\"old-key\"]", "api-keys: [\"new-key\"\ndebug: true\n");
        assertTrue(eventually(WAIT, () -> logs.contains("ERROR", "Config reload rejected")), logs.lines().toString());
        String error = logs.lines().stream().filter(l -> l.contains("Config reload rejected")).findFirst().orElseThrow();
        assertTrue(error.matches(".*config\\.yaml line \\d+, column \\d+: invalid YAML.*"), error);
        assertEquals(200, mgmt.proxy().get("/v1/models", "old-key").statusCode());
        assertEquals(401, mgmt.proxy().get("/v1/models", "new-key").statusCode());

        edit("api-keys: [\"new-key\"\n", "api-keys: [\"new-key\"]\n");
        assertTrue(eventually(WAIT, () -> mgmt.proxy().get("/v1/models", "new-key").statusCode() == 200),
                "a fixed file is loaded again");
        assertReply(200, "{\"debug\":true}", mgmt.get("/debug"));
    }

    @Test
    void aHandEditThatBreaksATypeIsRejectedToo() throws IOException {
        edit("api-keys: [\"old-key\"]", "api-keys: [\"new-key\"]\nrequest-retry: many");
        assertTrue(eventually(WAIT, () -> logs.contains("ERROR", "'request-retry' must be an integer")),
                logs.lines().toString());
        assertEquals(200, mgmt.proxy().get("/v1/models", "old-key").statusCode());
    }

    @Test
    void theStoresOwnWritesAreNotReloadedAgain() throws IOException {
        assertOk(mgmt.call("PATCH", "/debug", "{\"value\":true}"));
        Files.writeString(mgmt.configFile(), mgmt.configText() + "# a comment added by hand\n");
        assertTrue(eventually(WAIT, () -> logs.contains("INFO", "Config applied (file edit)")));
        assertEquals(1, logs.lines().stream().filter(l -> l.contains("Config applied (management API)")).count());
        assertEquals(1, logs.lines().stream().filter(l -> l.contains("Config applied (file edit)")).count(),
                logs.lines().toString());
    }

    @Test
    void aNewPlaintextKeyWrittenByHandIsHashedAndTakesOver() throws IOException {
        String text = mgmt.configText();
        String hash = text.substring(text.indexOf("$2a$"), text.indexOf("$2a$") + 60);
        edit(hash, "rotated-key-123");
        assertTrue(eventually(WAIT, () -> !mgmt.configText().contains("rotated-key-123")
                && mgmt.configText().contains("secret-key: \"$2a$")), mgmt.configText());
        assertTrue(eventually(WAIT, () -> mgmt.proxy().send(mgmt.request("GET", "/debug", null)
                .header("X-Management-Key", "rotated-key-123").build()).statusCode() == 200));
        assertEquals(401, mgmt.get("/debug").statusCode(), "the old key no longer works");
    }

    @Test
    void filesDroppedIntoAuthDirAreNoticed() throws IOException {
        Files.writeString(mgmt.authDir().resolve("dropped.json"), "{\"type\":\"claude\"}");
        assertTrue(eventually(WAIT, () -> logs.contains("INFO", "auth-dir changed")), logs.lines().toString());
        assertFalse(logs.contains("ERROR", ""), logs.lines().toString());
    }
}
