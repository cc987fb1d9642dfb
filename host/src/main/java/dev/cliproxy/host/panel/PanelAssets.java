package dev.cliproxy.host.panel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The control panel's files, from the class path: the panel's own under {@code panel/} in the host jar, and the
 * js-yaml browser bundle from its WebJar. A name is a bare file name ({@code app.js}); anything else (folders,
 * {@code ..}, unknown extensions) is not an asset. Files are read once and kept.
 */
final class PanelAssets {

    /** The name under which the js-yaml WebJar's browser bundle is served. */
    static final String JS_YAML = "js-yaml.min.js";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.min)?\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    private static final String JS_YAML_POM = "META-INF/maven/org.webjars.npm/js-yaml/pom.properties";

    private final ClassLoader loader;
    private final Map<String, Optional<PanelAsset>> cache = new ConcurrentHashMap<>();

    PanelAssets(ClassLoader loader) {
        this.loader = loader;
    }

    /** The asset called {@code name}, if there is one. */
    Optional<PanelAsset> get(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, this::load);
    }

    private Optional<PanelAsset> load(String name) {
        String path = name.equals(JS_YAML) ? jsYamlPath() : "panel/" + name;
        if (path == null) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new PanelAsset(in.readAllBytes(), TYPES.get(name.substring(name.lastIndexOf('.') + 1))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Where the WebJar keeps the bundle; its folder carries the version, read from the WebJar's pom.properties. */
    private String jsYamlPath() {
        try (InputStream in = loader.getResourceAsStream(JS_YAML_POM)) {
            if (in == null) {
                return null;
            }
            Properties pom = new Properties();
            pom.load(in);
            return "META-INF/resources/webjars/js-yaml/" + pom.getProperty("version") + "/dist/js-yaml.min.js";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + JS_YAML_POM, e);
        }
    }
}
