package dev.cliproxy.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void defaultsToConfigYamlInWorkingDirectory() {
        CommandLine c = CommandLine.parse(new String[0]);
        assertEquals(Path.of("config.yaml"), c.config());
        assertNull(c.pluginsDir());
    }

    @Test
    void readsConfigAndPluginsInBothSpellings() {
        assertEquals(Path.of("/etc/x.yaml"), CommandLine.parse(new String[] {"--config", "/etc/x.yaml"}).config());
        assertEquals(Path.of("/etc/y.yaml"), CommandLine.parse(new String[] {"--config=/etc/y.yaml"}).config());
        assertEquals(Path.of("p"), CommandLine.parse(new String[] {"--plugins", "p"}).pluginsDir());
    }

    @Test
    void readsThePasswordInBothSpellingsAndNeverPrintsIt() {
        assertEquals("", CommandLine.parse(new String[0]).password());
        assertEquals("s3cret-pass", CommandLine.parse(new String[] {"--password", "s3cret-pass"}).password());
        CommandLine c = CommandLine.parse(new String[] {"--password=s3cret-pass"});
        assertEquals("s3cret-pass", c.password());
        assertFalse(c.toString().contains("s3cret-pass"), c.toString());
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--password"}));
    }

    @Test
    void recognisesHelpAndVersion() {
        assertTrue(CommandLine.parse(new String[] {"--help"}).help());
        assertTrue(CommandLine.parse(new String[] {"--version"}).version());
    }

    @Test
    void readsTheLoginOptionsInBothSpellings() {
        CommandLine claude = CommandLine.parse(new String[] {"-claude-login", "-no-browser",
            "-oauth-callback-port", "5000"});
        assertEquals("claude", claude.login());
        assertTrue(claude.noBrowser());
        assertEquals(5000, claude.callbackPort());
        CommandLine device = CommandLine.parse(new String[] {"--codex-device-login", "--oauth-callback-port=0"});
        assertEquals("codex", device.login());
        assertTrue(device.device());
        assertEquals(0, device.callbackPort());
        assertEquals("gemini", CommandLine.parse(new String[] {"--login", "gemini"}).login());
        CommandLine google = CommandLine.parse(new String[] {"-login", "-project_id", "p1,p2", "-no-browser"});
        assertEquals("gemini-cli", google.login(), "a bare --login is the Gemini CLI (Google) login");
        assertEquals("p1,p2", google.projectId());
        assertEquals("ALL", CommandLine.parse(new String[] {"--login", "--project_id=ALL"}).projectId());
        assertNull(CommandLine.parse(new String[0]).login());
        assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"--oauth-callback-port", "70000"}));
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--nope"}));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--config"}));
    }
}
