package dev.cliproxy.host.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes a pf4j plugin jar at test time: a manifest with {@code Plugin-Id}, {@code Plugin-Version},
 * {@code Plugin-Class} and {@code Plugin-Requires}, the extension index and the bytes of the given extension
 * classes (taken from the test class path; each must need nothing but plugin-api and the JDK).
 */
public final class TestPluginJar {

    private TestPluginJar() {
    }

    /**
     * Writes {@code jar} (replacing it, as a rename would) for plugin {@code id} requiring {@code requires}, holding
     * {@code extensions}.
     */
    public static Path write(Path jar, String id, String requires, Class<?>... extensions) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", "1.2.3");
        main.putValue("Plugin-Class", "org.pf4j.Plugin");
        main.putValue("Plugin-Requires", requires);
        Path partial = jar.resolveSibling(jar.getFileName() + ".part");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(partial), manifest)) {
            StringBuilder index = new StringBuilder();
            for (Class<?> c : extensions) {
                String entry = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream bytes = c.getClassLoader().getResourceAsStream(entry)) {
                    bytes.transferTo(out);
                }
                out.closeEntry();
                index.append(c.getName()).append('\n');
            }
            out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            out.write(index.toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // appears whole, as a copy that ends with a rename would
            return Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
