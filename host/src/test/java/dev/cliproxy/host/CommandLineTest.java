package dev.cliproxy.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void recognisesHelpAndVersion() {
        assertTrue(CommandLine.parse(new String[] {"--help"}).help());
        assertTrue(CommandLine.parse(new String[] {"--version"}).version());
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--nope"}));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--config"}));
    }
}
