package dev.cliproxy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps plugin-api's promise: every public signature of the contract is recorded in
 * {@code src/test/resources/plugin-api-signatures.txt} with the version it belongs to. A change of signatures
 * without a version bump fails, and so does a bump too small for it (a removed or changed signature needs a new
 * major version, an addition a new minor one). After a deliberate change: bump {@code plugin-api.version} in the
 * root pom, say what changed in plugin-api/CHANGELOG.md, and record the new signatures with
 * {@code -Dplugin-api.signatures.write=true}.
 */
class PublicApiCompatibilityTest {

    private static final Path RECORD = Path.of("src/test/resources/plugin-api-signatures.txt");
    private static final String HEADER = "# plugin-api ";

    @Test
    void publicSignaturesChangeOnlyWithTheRightVersionBump() throws Exception {
        Set<String> current = signatures();
        if (Boolean.getBoolean("plugin-api.signatures.write")) {
            List<String> lines = new ArrayList<>();
            lines.add(HEADER + PluginApi.VERSION);
            lines.addAll(current);
            Files.write(RECORD, lines, StandardCharsets.UTF_8);
            return;
        }
        List<String> lines = Files.readAllLines(RECORD, StandardCharsets.UTF_8);
        String recordedVersion = lines.get(0).substring(HEADER.length()).trim();
        Set<String> recorded = new TreeSet<>(lines.subList(1, lines.size()));
        Set<String> removed = new TreeSet<>(recorded);
        removed.removeAll(current);
        Set<String> added = new TreeSet<>(current);
        added.removeAll(recorded);
        if (removed.isEmpty() && added.isEmpty()) {
            assertEquals(recordedVersion, PluginApi.VERSION, "the version was bumped but the recorded signatures "
                    + "still name " + recordedVersion + ": record them again (-Dplugin-api.signatures.write=true)");
            return;
        }
        String diff = "removed or changed: " + removed + "\nadded: " + added;
        int[] was = parse(recordedVersion);
        int[] now = parse(PluginApi.VERSION);
        if (!removed.isEmpty() && now[0] <= was[0]) {
            fail("plugin-api signatures were removed or changed without a new major version (still "
                    + PluginApi.VERSION + "):\n" + diff);
        }
        if (now[0] == was[0] && now[1] <= was[1]) {
            fail("plugin-api signatures were added without a new minor version (still " + PluginApi.VERSION
                    + "):\n" + diff);
        }
        fail("plugin-api " + PluginApi.VERSION + " changes the contract as its version says; record the new "
                + "signatures (-Dplugin-api.signatures.write=true) and describe them in plugin-api/CHANGELOG.md:\n"
                + diff);
    }

    @Test
    void publicTypesLiveOnlyInTheContractPackages() throws Exception {
        for (Class<?> type : publicTypes()) {
            assertTrue(type.getPackageName().equals("dev.cliproxy.api")
                    || type.getPackageName().equals("dev.cliproxy.api.config"), type.getName());
        }
    }

    private static int[] parse(String version) {
        String[] parts = version.split("[.-]");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    /** One line per public type and per public or protected member, sorted. */
    static Set<String> signatures() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> out = new TreeSet<>();
        for (Class<?> type : publicTypes()) {
            out.add(type.toGenericString());
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c)) {
                    out.add(c.toGenericString());
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m) && !m.isSynthetic()) {
                    out.add(m.toGenericString());
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f) && !f.isSynthetic()) {
                    out.add(f.toGenericString());
                }
            }
        }
        return out;
    }

    private static boolean visible(Member m) {
        return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
    }

    private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(PluginApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, PluginApi.class.getClassLoader());
                if (Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass() && !type.isSynthetic()
                        && (type.getEnclosingClass() == null
                        || Modifier.isPublic(type.getEnclosingClass().getModifiers()))) {
                    types.add(type);
                }
            }
        }
        return types;
    }
}
