package dev.cliproxy.host.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code config.yaml} into a {@link ProxyConfig}. */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** The built-in defaults: no file, loopback callers only, no providers. */
    public static ProxyConfig defaults() {
        return parse("", "<built-in defaults>", null);
    }

    /**
     * Loads {@code file}.
     *
     * @throws NoSuchFileException when it does not exist
     * @throws ConfigException     when it is not valid (message with line and column)
     */
    public static ProxyConfig load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return parse(text, file.getFileName().toString(), file.toAbsolutePath());
    }

    /** Parses config text; {@code source} is recorded as the file it belongs to (may be {@code null}). */
    public static ProxyConfig parse(String text, String sourceName, Path source) {
        YamlTree tree = YamlTree.parse(text, sourceName);
        return new ConfigBinder(tree).bind(source);
    }
}
